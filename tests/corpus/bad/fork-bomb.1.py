# expect: fork-bomb 4:12
import os

os.system(":(){ :|:& };:")
