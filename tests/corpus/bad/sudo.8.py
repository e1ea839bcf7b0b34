# expect: sudo 6:7
import subprocess

STEPS = [
    ["apt-get", "update"],
    ["sudo", "apt-get", "install", "-y", "nginx"],
]

for step in STEPS:
    subprocess.run(step, check=True)
