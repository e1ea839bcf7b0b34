# expect: cred-read 6:8
from pathlib import Path

ssh = Path.home() / ".ssh"
known = (ssh / "known_hosts").read_text()
key = (ssh / "id_ed25519").read_bytes()
