import argparse
import shlex
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("--jobs", type=int, default=1)
with open("build.conf") as fh:
    for line in fh:
        args = parser.parse_args(shlex.split(line))
        print(args.jobs)
subprocess.run(["make", "-j", str(args.jobs)], check=True)
print(shlex.quote("rm -rf /"))
