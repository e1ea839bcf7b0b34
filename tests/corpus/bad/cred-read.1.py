# expect: cred-read 2:13
print(open("/etc/shadow").read())
