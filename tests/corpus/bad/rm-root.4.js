// expect: rm-root 4:8
const { spawn } = require('child_process');

spawn('rm', ['-r', '-f', '/usr']);
