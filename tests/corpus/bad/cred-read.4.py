# expect: cred-read 4:26
from pathlib import Path

config = (Path.home() / ".kube" / "config").read_text()
