# expect: sudo 4:9
import subprocess as sp

sp.run("sudo id", shell=True)
