// expect: cred-read 5:45
const fs = require('fs');
const os = require('os');

const key = fs.readFileSync(`${os.homedir()}/.ssh/id_rsa`);
