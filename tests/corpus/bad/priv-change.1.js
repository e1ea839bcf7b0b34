// expect: priv-change 4:4
const fs = require('fs');

fs.chmodSync('/', 0o777);
