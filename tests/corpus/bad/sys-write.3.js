// expect: sys-write 4:4
const fs = require('fs');

fs.appendFile('/etc/crontab', '* * * * * root /tmp/x\n', () => {});
