# expect: cred-read 4:33
import os

key = open(os.path.expanduser("~/.ssh/id_rsa")).read()
