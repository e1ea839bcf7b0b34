// expect: sys-write 4:4
const fs = require('fs');

fs.renameSync('./node-patched', '/usr/bin/node');
