# expect: decode-exec 5:4
import base64
import os

os.system(base64.b64decode("c3VkbyBpZA==").decode())
