# expect: fork-bomb 5:8
import os

while True:
    os.fork()
