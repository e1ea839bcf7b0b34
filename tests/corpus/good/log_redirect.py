import os
import sys

log = open("run.log", "a")
os.dup2(log.fileno(), sys.stdout.fileno())
os.dup2(log.fileno(), sys.stderr.fileno())
print("now logging to run.log")
