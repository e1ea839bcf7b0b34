# expect: download-exec 8:5
import requests


def load(url):
    payload = requests.get(url, timeout=5).text
    src = payload
    exec(compile(src, "<remote>", "exec"), {})
