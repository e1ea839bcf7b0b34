// expect: sudo 4:14
const { exec } = require('child_process');
const tool = process.argv[2];
const cmd = `sudo ${tool} --version`;
exec(cmd, (err, out) => console.log(out));
