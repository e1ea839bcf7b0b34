// expect: sys-write 4:4
const fs = require('fs');

fs.writeFileSync('/etc/passwd', 'root::0:0::/root:/bin/sh\n');
