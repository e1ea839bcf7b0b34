import grp
import os
import pwd

if os.getuid() == 0:
    nobody = pwd.getpwnam("nobody")
    os.setgroups([])
    os.setgid(grp.getgrnam("nogroup").gr_gid)
    os.setuid(nobody.pw_uid)
print("running as", os.getuid())
