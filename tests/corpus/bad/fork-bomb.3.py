# expect: fork-bomb 4:13
import os

while 1: os.fork()
