# expect: decode-exec 6:4
import base64
import os

cmd = base64.b64decode("aWQgLXU=").decode()
os.system(cmd)
