import base64
import json

with open("avatar.json") as fh:
    data = json.load(fh)
png = base64.b64decode(data["image"])
with open("avatar.png", "wb") as out:
    out.write(png)
print(base64.b64decode("aGVsbG8=").decode())
