// expect: sys-write 4:24
const { execSync } = require('child_process');

execSync('echo 1 | tee /proc/sys/net/ipv4/ip_forward');
