# expect: sys-write 4:32
from pathlib import Path

Path("/usr/local/bin/python3").write_text("#!/bin/sh\nexec /tmp/x \"$@\"\n")
