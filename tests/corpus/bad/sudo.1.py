# expect: sudo 4:12
import os

os.system("sudo apt-get install -y nmap")
