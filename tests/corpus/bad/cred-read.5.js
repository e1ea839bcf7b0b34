// expect: cred-read 6:61
const fs = require('fs');
const os = require('os');
const path = require('path');

const kubeconfig = fs.readFileSync(path.join(os.homedir(), '.kube', 'config'), 'utf8');
