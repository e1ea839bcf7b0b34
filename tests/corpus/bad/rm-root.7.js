// expect: rm-root 5:4
const fs = require('fs');

const home = process.env.HOME;
fs.rmSync(home, { recursive: true, force: true });
