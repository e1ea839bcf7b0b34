import re

PATTERN = re.compile(r"[:(){}\[\];,]")      # looks like :(){ but is a regex
PATHS = "/usr/share/doc:/etc/xdg"           # system paths, only mentioned
SEP = "/"
name = "a/b".replace("/", "-")
text = 'it\'s "quoted" # and not a comment'
multi = """
sudo rm -rf /
this is data, not a command
"""
template = f"{name!r:>10} # {SEP}"
print(PATTERN, PATHS, text, multi, template)
with open("/usr/share/dict/words") as f:
    print(len(f.read()))
