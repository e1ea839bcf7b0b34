import subprocess

runner = subprocess
out = runner.run(["ls", "-l", "/usr/bin"], capture_output=True, text=True)
cmd = "git log --oneline -n 5"
shown = cmd
runner.run(shown, shell=True)
