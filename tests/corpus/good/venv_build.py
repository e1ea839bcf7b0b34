import subprocess
import sys
import venv

venv.create(".venv", with_pip=True)
subprocess.check_call([".venv/bin/pip", "install", "-r", "requirements.txt"])
subprocess.check_call([sys.executable, "-m", "compileall", "src"])
