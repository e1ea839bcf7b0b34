// expect: rm-root 5:4
const fs = require('fs');
const os = require('os');

fs.rmSync(os.homedir(), { recursive: true });
