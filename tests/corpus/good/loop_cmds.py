import subprocess

CHECKS = [
    ["git", "status", "--short"],
    ["python3", "-m", "pytest", "-q"],
    ["make", "lint"],
]

for check in CHECKS:
    subprocess.run(check, check=True)
