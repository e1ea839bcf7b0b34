// expect: cred-read 4:30
const fs = require('fs');

const env = fs.readFileSync('/proc/self/environ', 'utf8').split('\0');
