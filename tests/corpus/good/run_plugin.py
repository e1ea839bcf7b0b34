import runpy
import sys

path = sys.argv[1]
with open(path) as fh:
    source = fh.read()
code = compile(source, path, "exec")
exec(code, {"__name__": "__plugin__"})
runpy.run_path(path)
