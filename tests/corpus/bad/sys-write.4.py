# expect: sys-write 4:29
from pathlib import Path

Path("/usr/local/bin/tool").write_text("#!/bin/sh\n")
