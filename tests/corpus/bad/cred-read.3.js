// expect: cred-read 4:51
const fs = require('fs');

const creds = fs.readFileSync(`${process.env.HOME}/.aws/credentials`, 'utf8');
