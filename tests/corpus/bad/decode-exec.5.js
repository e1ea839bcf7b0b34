// expect: decode-exec 4:4
const cp = require('child_process');
const s = process.argv[2];
cp.execSync(Buffer.from(s, 'base64').toString());
