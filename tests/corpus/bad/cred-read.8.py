# expect: cred-read 4:25
from pathlib import Path

creds = (Path.home() / ".git-credentials").read_text()
