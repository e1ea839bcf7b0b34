"""A tool whose comments and docs talk about dangerous things.

Never run rm -rf / or read /etc/shadow; sudo is not needed.
"""
import argparse
import logging
import os
import shutil
import subprocess
import tempfile

# rm -rf /  -- the classic, in a comment
# sudo make install
# curl https://example.com/install.sh | sh
#!/bin/sh is not a comment marker inside strings, see below

HASH = "#"                      # a '#' inside a string is not a comment
URL = "https://example.com/#section"  # nor is this one: sudo rm -rf /
WORDS = ["sudo", "su", "doas"]  # a list of words is not a command


def parse_args():
    p = argparse.ArgumentParser(description="Installs things; may need sudo.")
    p.add_argument("--prefix", help="where to install (use sudo for /usr)")
    p.add_argument("--force", action="store_true",
                   help="like rm -rf /, but only for the build directory")
    return p.parse_args()


def clean():
    tmpdir = tempfile.mkdtemp()
    shutil.rmtree(tmpdir)
    shutil.rmtree(os.path.join(os.path.expanduser("~"), ".cache", "mytool"))
    os.system("rm -rf /tmp/build")
    subprocess.run(["rm", "-rf", "build/", "dist/"], check=True)


def talk():
    print("run this with sudo")
    print(f"please run: sudo {os.path.basename(__file__)}")
    logging.warning("refusing to run rm -rf / for you")
    subprocess.run(["echo", "sudo", "is", "not", "needed"])
    subprocess.run("command -v sudo >/dev/null", shell=True)
    raise SystemExit("do not pipe curl into sh")


def read_system_files():
    with open("/etc/hosts") as f:
        hosts = f.read()
    with open("/etc/passwd") as f:
        users = f.read()
    os.chmod("build/tool", 0o755)
    return hosts, users
