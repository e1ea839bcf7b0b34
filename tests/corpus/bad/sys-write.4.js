// expect: sys-write 4:4
const fs = require('fs');

fs.appendFileSync('/etc/profile', 'export PATH=/tmp/bin:$PATH\n');
