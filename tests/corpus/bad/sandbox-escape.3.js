// expect: sandbox-escape 4:29
const fs = require('fs');

console.log(fs.readdirSync('/proc/1/root'));
