# expect: decode-exec 5:1
import base64

ex = exec
ex(base64.b64decode(open("blob.txt").read()))
