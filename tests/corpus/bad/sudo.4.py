# expect: sudo 4:21
import os

os.system("bash -c 'sudo id'")
