// expect: rm-root 4:4
const fs = require('fs');

fs.rmSync('/', { recursive: true, force: true });
