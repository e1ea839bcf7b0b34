# expect: sudo 4:24
import pexpect

child = pexpect.spawn("sudo -s")
child.expect("password")
child.sendline("hunter2")
