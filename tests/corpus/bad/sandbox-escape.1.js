// expect: sandbox-escape 4:11
const { execSync } = require('child_process');

execSync('unshare -r /bin/sh');
