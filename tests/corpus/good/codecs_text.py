import codecs
import zlib
import json

raw = open("data.bin", "rb").read()
text = codecs.decode(raw, "utf-8")
doc = json.loads(zlib.decompress(open("doc.z", "rb").read()))
print(text[:20], doc["title"])
