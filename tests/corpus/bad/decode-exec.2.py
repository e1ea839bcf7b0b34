# expect: decode-exec 7:1
import base64
import zlib

blob = "eJzLSM3JyVcozy/KSQEAGgQEXQ=="
payload = zlib.decompress(base64.b64decode(blob))
exec(payload)
