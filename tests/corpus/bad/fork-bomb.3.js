// expect: fork-bomb 4:10
const { spawn } = require('child_process');

for (;;) spawn(process.execPath, [__filename], { detached: true });
