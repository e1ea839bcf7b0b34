import os
import shutil
import sys

if os.geteuid() != 0:
    helper = shutil.which("sudo") or shutil.which("doas")
    if helper:
        sys.exit(f"please re-run with {helper}: sudo python3 setup.py")
    sys.exit("this step needs root, and neither sudo nor doas is installed")
