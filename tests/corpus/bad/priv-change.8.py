# expect: priv-change 4:22
from pathlib import Path

Path("/etc/sudoers").chmod(0o777)
