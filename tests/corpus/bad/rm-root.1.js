// expect: rm-root 4:11
const { execSync } = require('child_process');

execSync('rm -rf /*');
