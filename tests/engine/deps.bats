#!/usr/bin/env bats
# --deps against the real engine: a real npm package from the registry
# (through this machine's TLS-intercepting proxy, so the build must trust
# the host's CA bundle), and pip against a local index serving a wheel
# built here. Every test makes packages whose content is new to the
# engine (a per-run nonce), so "the first run builds" is a fact, and the
# images made are removed at the end.

# bats file_tags=engine

load engine_helper

setup_file() {
	require_engine
	require_images
	export NONCE="$$-$RANDOM-$(date +%s)"
	export XDG_CACHE_HOME="$BATS_FILE_TMPDIR/cache"
	export MADE="$BATS_FILE_TMPDIR/made"
	: >"$MADE"
	start_index
}

teardown_file() {
	local name
	[ -f "$BATS_FILE_TMPDIR/index.container" ] &&
	    engine rm --force "$(cat "$BATS_FILE_TMPDIR/index.container")" >/dev/null 2>&1
	if [ -s "$MADE" ]; then
		sort -u "$MADE" | while read -r name; do
			engine rmi "$name" >/dev/null 2>&1 || true
		done
	fi
	return 0
}

# The package.json of a project depending on ms; $1 tells it apart.
write_package_json() {
	printf '{ "name": "t", "version": "1.0.0", "private": true,\n  "description": "sbx deps test %s %s",\n  "dependencies": { "%s": "%s" } }\n' \
	    "$NONCE" "$1" "${2:-ms}" "${3:-^2.1.3}" >package.json
}

# The image a run's stderr names ("building NAME from" or "reused NAME"),
# remembered for the teardown.
image_named_in() {
	local name
	name=$(grep -oE 'sbx-deps/[a-z0-9-]+:[0-9a-f]{16}' <<<"$1" | head -n 1)
	[ -n "$name" ] || flunk "no image named in: $1" || return
	echo "$name" >>"$MADE"
	echo "$name"
}

# A PEP 503 index on the engine host's 127.0.0.1 (python3 -m http.server's directory pages
# are simple index pages): a hand-made wheel of a tiny package, and pip's
# own wheel for bases without pip (the one ensurepip bundles, which sbx
# pins by hash).
# Podman gives a container the host's rlimits unless told, and an engine
# nested in a container may not raise them ("error setting rlimit").
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

start_index() {
	local root="$BATS_FILE_TMPDIR/index" pipwheel
	mkdir -p "$root/simple/sbxdemo" "$root/simple/pip"
	pipwheel=$(python3 -c 'import ensurepip, os; print(os.path.dirname(ensurepip.__file__))')/_bundled/pip-23.2.1-py3-none-any.whl
	[ -f "$pipwheel" ] || flunk "no $pipwheel on the host: the pip test needs a python3 whose ensurepip bundles pip 23.2.1 (CPython 3.11.7+ or 3.12.0)" || return
	cp "$pipwheel" "$root/simple/pip/"
	python3 - "$root/simple/sbxdemo" "$NONCE" <<-'EOF'
	import base64, hashlib, sys, zipfile
	out, nonce = sys.argv[1:3]
	files = {
	    "sbxdemo/__init__.py": "NONCE = %r\ndef hello():\n    return 'hello from sbxdemo'\n" % nonce,
	    "sbxdemo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: sbxdemo\nVersion: 1.0\n",
	    "sbxdemo-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: sbx-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
	}
	record = []
	with zipfile.ZipFile(out + "/sbxdemo-1.0-py3-none-any.whl", "w") as z:
	    for name, text in files.items():
	        z.writestr(name, text)
	        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
	        record.append("%s,sha256=%s,%d" % (name, digest, len(text)))
	    record.append("sbxdemo-1.0.dist-info/RECORD,,")
	    z.writestr("sbxdemo-1.0.dist-info/RECORD", "\n".join(record) + "\n")
	EOF
	# The index is served by a container on the engine, published on the
	# engine host's 127.0.0.1: a build with --deps-network host reaches it
	# there, whether the engine is local or remote (tests/with-tcp-engine.sh
	# gives the tests a loopback of their own, which the engine cannot see).
	# Its files travel as a tar on stdin, like everything else.
	INDEX_CONTAINER="sbx-test-index-$NONCE"
	echo "$INDEX_CONTAINER" >"$BATS_FILE_TMPDIR/index.container"
	engine create --name "$INDEX_CONTAINER" --user 0 -p 127.0.0.1::8000 \
	    "${LIMITS[@]}" --stop-signal KILL \
	    --entrypoint python3 sbx/python:latest \
	    -m http.server --bind 0.0.0.0 --directory /tmp/index 8000 >/dev/null ||
	    flunk "could not create the index container" || return
	tar -C "$BATS_FILE_TMPDIR" -cf - index | engine cp - "$INDEX_CONTAINER:/tmp" ||
	    flunk "could not copy the index into $INDEX_CONTAINER" || return
	engine start "$INDEX_CONTAINER" >/dev/null || flunk "could not start $INDEX_CONTAINER" || return
	INDEX_PORT=$(engine port "$INDEX_CONTAINER" 8000/tcp | sed -n 's/^127\.0\.0\.1://p' | head -n 1)
	[ -n "$INDEX_PORT" ] || flunk "no published port for $INDEX_CONTAINER" || return
	export INDEX_URL="http://127.0.0.1:$INDEX_PORT/simple"
	local i
	for ((i = 0; i < 50; i++)); do
		engine exec "$INDEX_CONTAINER" python3 -c \
		    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/simple/pip/')" \
		    >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	flunk "the local index on $INDEX_URL did not come up: $(engine logs "$INDEX_CONTAINER" 2>&1 | tail -n 3)"
}

@test "a package.json naming ms runs, and the second run reuses the image without building" {
	write_package_json reuse
	run -0 --separate-stderr sbx --deps package.json node - <<<'console.log(require("ms")(60000))'
	[ "$output" = 1m ]
	[[ $stderr == *"sbx: deps: building sbx-deps/node:"* ]]
	[[ $stderr == *"sbx: deps: npm install --ignore-scripts"* ]]
	name=$(image_named_in "$stderr")
	before=$(engine image inspect --format '{{.Id}} {{.Created}}' "$name")

	run -0 --separate-stderr sbx --deps package.json node - <<<'console.log(require("ms")(60000))'
	[ "$output" = 1m ]
	[ "$stderr" = "sbx: deps: reused $name (package.json on sbx/node:latest, no build)" ]
	[ "$(engine image inspect --format '{{.Id}} {{.Created}}' "$name")" = "$before" ]
	# The last use is recorded for --gc.
	[ -f "$XDG_CACHE_HOME/sbx/deps/node-${name##*:}" ]
}

@test "packages load from a code file too, and -q keeps the build quiet" {
	write_package_json file
	mkdir -p src
	echo 'const ms = require("ms"); console.log(ms("2h"))' >src/app.js
	run -0 --separate-stderr sbx -q --deps package.json node src/app.js
	[ "$output" = 7200000 ]
	[ "$stderr" = "" ]
	run -0 --separate-stderr sbx --deps package.json node src/app.js
	[ "$output" = 7200000 ]
	[[ $stderr == "sbx: deps: reused sbx-deps/node:"* ]]
	image_named_in "$stderr" >/dev/null
}

@test "an edited package.json builds a new image" {
	write_package_json edit-1
	run -0 --separate-stderr sbx --deps package.json node - <<<'console.log(require("ms")(1000))'
	[ "$output" = 1s ]
	first=$(image_named_in "$stderr")
	write_package_json edit-2
	run -0 --separate-stderr sbx --deps package.json node - <<<'console.log(require("ms")(1000))'
	[ "$output" = 1s ]
	[[ $stderr == *"sbx: deps: building sbx-deps/node:"* ]]
	second=$(image_named_in "$stderr")
	[ "$first" != "$second" ]
}

@test "a lockfile beside package.json makes the build use npm ci" {
	write_package_json lock
	cat >package-lock.json <<-'EOF'
	{
	  "name": "t", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
	  "packages": {
	    "": { "name": "t", "version": "1.0.0", "dependencies": { "ms": "^2.1.3" } },
	    "node_modules/ms": {
	      "version": "2.1.3",
	      "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz",
	      "integrity": "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="
	    }
	  }
	}
	EOF
	run -0 --separate-stderr sbx --deps package.json node - <<<'console.log(require("ms/package.json").version)'
	[ "$output" = 2.1.3 ]
	[[ $stderr == *"sbx: deps: npm ci --ignore-scripts"* ]]
	image_named_in "$stderr" >/dev/null
}

@test "a package that does not exist fails with 125 and names it" {
	write_package_json missing sbx-no-such-package-zz9q 1.0.0
	run -125 --separate-stderr sbx --deps package.json node - <<<'console.log("ran")'
	[ "$output" = "" ]
	[[ $stderr == *"sbx: deps: npm install failed for package.json: 404 'sbx-no-such-package-zz9q@1.0.0' is not in this registry."* ]]
	# The package manager's own last lines come first.
	[[ $stderr == *"npm error code E404"* ]]
	# No image, and no install stage left behind.
	name=$(grep -oE 'sbx-deps/node:[0-9a-f]{16}' <<<"$stderr" | head -n 1)
	[ -n "$name" ]
	! engine image inspect "$name" >/dev/null 2>&1
	[ -z "$(engine images --all --quiet --filter "label=sbx.deps.stage=${name##*:}")" ]
}

@test "the run container of a --deps run has no network" {
	write_package_json network
	run -0 --separate-stderr sbx --deps package.json node - <<-'EOF'
	const os = require("os"), net = require("net");
	console.log(Object.keys(os.networkInterfaces()).sort().join(","));
	const s = net.connect({ host: "104.16.0.1", port: 443, timeout: 3000 });
	s.on("connect", () => { console.log("connected"); process.exit(0); });
	s.on("timeout", () => { console.log("timeout"); process.exit(0); });
	s.on("error", (e) => { console.log(e.code); process.exit(0); });
	EOF
	image_named_in "$stderr" >/dev/null
	[ "${lines[0]}" = lo ]
	[ "${lines[1]}" = ENETUNREACH ]
}

@test "pip installs a wheel from a local index, and the run cannot reach that index" {
	echo "sbxdemo==1.0" >requirements.txt
	run -0 --separate-stderr sbx --deps requirements.txt --deps-index "$INDEX_URL" \
	    --deps-network host python - <<-EOF
	import sbxdemo, urllib.request
	print(sbxdemo.hello(), sbxdemo.NONCE == "$NONCE")
	try:
	    urllib.request.urlopen("$INDEX_URL/", timeout=3)
	    print("reached the index")
	except OSError as e:
	    print("no network")
	EOF
	[ "${lines[0]}" = "hello from sbxdemo True" ]
	[ "${lines[1]}" = "no network" ]
	[[ $stderr == *"sbx: deps: pip install --only-binary :all: -r requirements.txt"* ]]
	name=$(image_named_in "$stderr")
	[[ $name == sbx-deps/python:* ]]
	[ "$(engine image inspect --format '{{index .Config.Labels "sbx.deps"}}' "$name")" = python ]
}

@test "the attack suite's network cases pass with --deps" {
	echo "sbxdemo==1.0" >"$BATS_TEST_TMPDIR/requirements.txt"
	# The build first (its image is remembered for the teardown), then the
	# attack file's own network cases, every run on that image.
	run -0 --separate-stderr sbx --deps requirements.txt --deps-index "$INDEX_URL" \
	    --deps-network host python - <<<'import sbxdemo; print(sbxdemo.NONCE)'
	[ "$output" = "$NONCE" ]
	name=$(image_named_in "$stderr")
	# Each run on the image touches its last-use file: made old here, it
	# proves below that the attack file's runs did use the image.
	used="$XDG_CACHE_HOME/sbx/deps/python-${name##*:}"
	[ -f "$used" ] || flunk "no last-use file $used"
	touch -d '2000-01-01' "$used"
	SBX_DEPS="$BATS_TEST_TMPDIR/requirements.txt" SBX_DEPS_INDEX="$INDEX_URL" \
	    SBX_DEPS_NETWORK=host run -0 bats --filter '^network: ' \
	    "$BATS_TEST_DIRNAME/attacks.bats"
	[ "$(grep -c '^ok [0-9]* network: ' <<<"$output")" -eq 4 ] || flunk "$output"
	[[ $output != *"not ok"* ]] || flunk "$output"
	[ "$(stat -c %Y "$used")" -gt 946771200 ] || flunk "the network cases did not run on $name"
}

@test "pip refuses a requirement the index does not have, with 125" {
	echo "sbx-no-such-dist-zz9q==1.0" >requirements.txt
	run -125 --separate-stderr sbx --deps requirements.txt --deps-index "$INDEX_URL" \
	    --deps-network host python - <<<'print("ran")'
	[ "$output" = "" ]
	[[ $stderr == *"sbx: deps: pip install failed for requirements.txt: No matching distribution found for sbx-no-such-dist-zz9q==1.0"* ]]
}

@test "the run image keeps the base's trust store and user, and has no build files" {
	write_package_json image
	run -0 --separate-stderr sbx --deps package.json node - <<<'console.log(1)'
	name=$(image_named_in "$stderr")
	base_ca=$(engine run --rm --network none "${LIMITS[@]}" sbx/node:latest sh -c 'cat /etc/ssl/certs/* 2>/dev/null | sha256sum')
	deps_ca=$(engine run --rm --network none "${LIMITS[@]}" "$name" sh -c 'cat /etc/ssl/certs/* 2>/dev/null | sha256sum')
	[ "$base_ca" = "$deps_ca" ]
	run -0 engine run --rm --network none "${LIMITS[@]}" "$name" sh -c 'id -un; ls -d /sbx-deps-in /tmp/npm 2>&1; echo "$NODE_PATH"'
	[ "${lines[0]}" = sandbox ]
	[[ ${lines[1]} == *"No such file"* ]]
	[ "${lines[-1]}" = /opt/sbx-deps/node_modules ]
}

@test "--gc keeps dependency images used within --deps-keep" {
	write_package_json gc
	run -0 --separate-stderr sbx --deps package.json node - <<<'console.log(1)'
	name=$(image_named_in "$stderr")
	run -0 --separate-stderr sbx --gc --deps-keep 30d
	[[ $output != *"removed $name"* ]]
	engine image inspect "$name" >/dev/null
}

@test "--deps refuses a file of the other language, before any build" {
	write_package_json wrong
	run -125 --separate-stderr sbx --deps package.json python - <<<'print(1)'
	[ "$stderr" = "sbx: deps: 'package.json' is for node; python takes a requirements.txt" ]
	echo "ms" >requirements.txt
	run -125 --separate-stderr sbx --deps requirements.txt node - <<<'1'
	[ "$stderr" = "sbx: deps: 'requirements.txt' looks like a requirements file, but node takes a package.json" ]
}
