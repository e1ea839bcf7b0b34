# expect: fork-bomb 4:34
import subprocess

subprocess.Popen(["bash", "-c", "b(){ b|b& };b"])
