# expect: rm-root 6:8
import shutil

target = "/"
victim = target
shutil.rmtree(victim)
