// expect: sudo 4:11
const cp = require('child_process');

cp.spawn('sudo', ['id'], { stdio: 'inherit' });
