import pexpect

child = pexpect.spawn("ssh -N -L 5432:localhost:5432 deploy@db.example.com")
child.expect("Enter passphrase")
child.sendline(open("passphrase.txt").read().strip())
child.wait()
