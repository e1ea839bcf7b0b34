// expect: priv-change 4:11
const { execSync } = require('child_process');

execSync('setcap cap_net_raw+ep /usr/bin/python3');
