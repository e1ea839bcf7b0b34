#!/usr/bin/env bash
# A quick look at each sandbox image that exists: a hello world run the way
# sbx runs it (no network, read-only root, user sandbox, a tmpfs /tmp), the
# versions inside, and the image's promises (uid 10001, no setuid files, no
# apt lists, the tools the bootstrap needs).  Not the language contract,
# which the bats suites check through sbx itself.
#
# usage: tests/images-smoke.sh [image ...]     (default: every sbx image)
# environment: ENGINE (docker, podman) [docker]
set -uo pipefail

ENGINE=${ENGINE:-docker}
IMAGES=(python node shell ruby perl gcc python-data)
((${#})) && IMAGES=("$@")
failures=0 checked=0
errfile=$(mktemp)
trap 'rm -f "$errfile"' EXIT

# run IMAGE STDIN CMD...: the program run as sbx would run it
run() {
    local image=$1 input=$2
    shift 2
    printf '%s' "$input" | "$ENGINE" run --rm -i --network=none --read-only \
        --user=sandbox --cap-drop=ALL --security-opt=no-new-privileges \
        --ulimit nofile=256:256 --ulimit nproc=8192:8192 \
        --tmpfs /tmp:rw,nosuid,nodev,size=64m --tmpfs /sbx-exec:rw,exec,nosuid,nodev,size=64m \
        "sbx/$image:latest" "$@"
}

# expect IMAGE WHAT WANT STDIN CMD...: stdout must be WANT (or, with WANT
# ~REGEX, match REGEX) and stderr empty; prints one line either way
expect() {
    local image=$1 what=$2 want=$3 input=$4 out err ok=0
    shift 4
    out=$(run "$image" "$input" "$@" 2>"$errfile")
    err=$(cat "$errfile")
    if [[ $want == '~'* ]]; then
        [[ $out =~ ${want#\~} ]] && ok=1
    else
        [[ $out == "$want" ]] && ok=1
    fi
    [[ -z $err ]] || ok=0
    if ((ok)); then
        printf '  ok   %-24s %s\n' "$what" "$(head -n 1 <<<"$out")"
    else
        printf '  FAIL %-24s wanted %s, got: %s%s\n' "$what" "$want" "$out" "${err:+ (stderr: $err)}"
        failures=$((failures + 1))
    fi
}

# The promises every image makes, checked from inside as root (read-only).
common() {
    local image=$1
    expect "$image" "user" "10001:10001 /tmp" "" sh -c 'echo "$(id -u):$(id -g) $HOME"'
    expect "$image" "bootstrap tools" "ok" "" \
        sh -c 'for t in sh timeout tar head base64 env; do command -v $t >/dev/null || { echo "no $t"; exit 1; }; done; echo ok'
    expect "$image" "no setuid/setgid, lists" "" "" \
        sh -c 'find / -xdev -type f -perm /6000 2>/dev/null; ls /var/lib/apt/lists 2>/dev/null | grep -v "^lock$\|^partial$\|^auxfiles$"'
}

for image in "${IMAGES[@]}"; do
    if ! "$ENGINE" image inspect "sbx/$image:latest" >/dev/null 2>&1; then
        printf 'sbx/%s: not built (make images LANGS=%s)\n' "$image" "$image"
        continue
    fi
    size=$("$ENGINE" image inspect -f '{{.Size}}' "sbx/$image:latest" | awk '{printf "%.0f MB", $1/1e6}')
    printf 'sbx/%s (%s)\n' "$image" "$size"
    checked=$((checked + 1))
    common "$image"
    case $image in
        python)
            expect python "hello" "hello" 'print("hello")' python3 -
            expect python "version" "~^Python 3\." "" python3 --version
            ;;
        node)
            expect node "hello" "hello" 'console.log("hello")' node
            expect node "version v24+" "~^v(2[4-9]|[3-9][0-9])\." 'console.log(process.version)' node
            expect node "esm, top-level await" "esm" "" \
                node --input-type=module -e 'import fs from "node:fs"; await Promise.resolve(); console.log(typeof fs.readFileSync === "function" ? "esm" : "no")'
            expect node "stripTypeScriptTypes" "function function" "" \
                node -e 'const m = require("module"); console.log(typeof m.stripTypeScriptTypes, typeof m.registerHooks)'
            expect node "typescript file" "42" 'const n: number = 42; console.log(n);' \
                sh -c 'cat >/tmp/app.ts && node /tmp/app.ts'
            ;;
        shell)
            expect shell "hello (sh)" "hello" 'echo hello' sh
            expect shell "hello (bash)" "hello" 'echo hello' bash
            expect shell "/bin/sh is dash" "~dash$" "" sh -c 'readlink -f /bin/sh'
            expect shell "bash version" "~^GNU bash, version 5\." "" bash --version
            ;;
        ruby)
            expect ruby "hello" "hello" 'puts "hello"' ruby
            expect ruby "version 3.3+" "~^ruby 3\.[3-9]" "" ruby --version
            ;;
        perl)
            expect perl "hello" "hello" 'print "hello\n";' perl
            expect perl "version 5.40+" "~^v5\.(4[0-9])" "" perl -e 'print "$^V\n"'
            ;;
        gcc)
            expect gcc "hello (c)" "hello" '#include <stdio.h>
int main(void) { puts("hello"); return 0; }
' sh -c 'cat >/sbx-exec/h.c && gcc -O2 -o /sbx-exec/h /sbx-exec/h.c && /sbx-exec/h'
            expect gcc "hello (c++)" "hello" '#include <iostream>
int main() { std::cout << "hello\n"; }
' sh -c 'cat >/sbx-exec/h.cpp && g++ -O2 -o /sbx-exec/h /sbx-exec/h.cpp && /sbx-exec/h'
            expect gcc "error names the file" "~^h\.c:2:[0-9]+: error:" 'int main(void) {
  return x;
}
' sh -c 'cd /sbx-exec && cat >h.c && gcc -o h h.c 2>&1 | grep -m1 error:'
            expect gcc "gcc version 14+" "~^gcc .* 1[4-9]\." "" gcc --version
            expect gcc "g++ version 14+" "~^g\+\+ .* 1[4-9]\." "" g++ --version
            ;;
        python-data)
            expect python-data "numpy, pandas" "~^3 [0-9]+\." \
                'import numpy, pandas; print(numpy.arange(3).sum(), pandas.__version__)' python3 -
            expect python-data "versions" "~^python 3\." \
                'import sys, numpy, pandas, scipy, matplotlib
print("python", sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__, "scipy", scipy.__version__, "matplotlib", matplotlib.__version__)' python3 -
            expect python-data "matplotlib Agg to a file" "agg PNG" \
                'import matplotlib, matplotlib.pyplot as plt
plt.plot([1, 2, 3]); plt.savefig("/tmp/p.png")
print(matplotlib.get_backend().lower(), open("/tmp/p.png", "rb").read(4)[1:].decode())' python3 -
            ;;
    esac
done

printf '%d images checked, %d failures\n' "$checked" "$failures"
((failures == 0))
