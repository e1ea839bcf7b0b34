# expect: cred-read 4:42
import os

path = os.path.join(os.environ["HOME"], ".aws", "credentials")
