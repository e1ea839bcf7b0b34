import os
from pathlib import Path

ssh = Path.home() / ".ssh"
known = (ssh / "known_hosts").read_text().splitlines()
config = open(os.path.expanduser("~/.ssh/config")).read()
pub = (ssh / "id_ed25519.pub").read_text().strip()
print(len(known), "known hosts;", pub.split()[0])
