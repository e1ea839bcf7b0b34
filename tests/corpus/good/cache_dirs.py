import os
import shutil
from pathlib import Path

os.makedirs("/tmp/app/cache", exist_ok=True)
shutil.rmtree(os.path.join(Path.home(), ".cache", "myapp"), ignore_errors=True)
shutil.rmtree("/tmp/app/cache")
Path("/tmp/app/cache/stamp").touch()
