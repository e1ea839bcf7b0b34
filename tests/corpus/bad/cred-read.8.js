// expect: cred-read 9:29
const fs = require('fs');
const os = require('os');
const path = require('path');

const sshDir = path.join(os.homedir(), '.ssh');
const config = fs.readFileSync(path.join(sshDir, 'config'), 'utf8');
for (const name of ['id_rsa', 'id_ed25519']) {
  fs.readFileSync(path.join(sshDir, name));
}
