// expect: priv-change 4:4
const fs = require('fs');

fs.chmodSync('/usr/local/bin/tool', 0o4755);
