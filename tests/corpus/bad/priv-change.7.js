// expect: priv-change 4:4
const fs = require('fs');

fs.chownSync('/', 0, 0);
