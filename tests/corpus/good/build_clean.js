const fs = require('fs');
const path = require('path');
const { rimraf } = require('rimraf');

fs.rmSync('dist', { recursive: true, force: true });
fs.rmSync(path.join(__dirname, 'coverage'), { recursive: true, force: true });
rimraf.sync('build');
await rimraf(path.join(process.cwd(), '.cache'));
