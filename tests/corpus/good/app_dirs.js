const fs = require('fs');
const os = require('os');
const path = require('path');

const configDir = path.join(os.homedir(), '.config', 'myapp');
fs.mkdirSync(configDir, { recursive: true });
const cacheDir = path.join(process.env.HOME, '.cache', 'myapp');
fs.rmSync(cacheDir, { recursive: true, force: true });
