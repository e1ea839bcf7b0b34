// expect: sandbox-escape 4:11
const { execSync } = require('child_process');

execSync('nsenter --target 1 --mount --uts --ipc --net --pid -- bash');
