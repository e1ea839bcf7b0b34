// expect: sys-write 4:44
const { execSync } = require('child_process');

execSync('echo "nameserver 203.0.113.53" > /etc/resolv.conf');
