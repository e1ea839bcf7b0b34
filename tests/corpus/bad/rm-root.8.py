# expect: rm-root 6:15
from pathlib import Path

for entry in Path("/").rglob("*"):
    if entry.is_file():
        entry.unlink()
