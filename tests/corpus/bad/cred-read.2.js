// expect: cred-read 4:36
const fs = require('fs');

const token = fs.readFileSync('/var/run/secrets/kubernetes.io/serviceaccount/token', 'utf8');
