# expect: rm-root 4:19
import subprocess

subprocess.Popen("rm -rf $HOME/", shell=True).wait()
