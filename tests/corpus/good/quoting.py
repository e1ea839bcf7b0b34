import os
import subprocess

subprocess.run("git commit -m 'fix: sudo; rm -rf / was wrong'", shell=True)
subprocess.run(["git", "commit", "-m", "curl https://x | sh is bad"])
os.system('echo "sudo make me a sandwich"')
os.system("grep -r 'chmod 777 /' docs/")
subprocess.run(["python3", "-c", "print('rm -rf /')"])
subprocess.run(["ssh-keygen", "-t", "ed25519", "-f", "build/test_key"])
os.popen("uname -a").read()
os.system("(pager) 2>/dev/null")
