import urllib.request

import requests

resp = requests.get("https://example.com/data.csv", timeout=10)
resp.raise_for_status()
with open("data.csv", "wb") as fh:
    fh.write(resp.content)
urllib.request.urlretrieve("https://example.com/logo.png", "logo.png")
