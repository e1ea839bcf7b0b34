const fs = require('fs');

fs.chmodSync('./bin/cli.js', 0o755);
for (const f of fs.readdirSync('scripts')) {
  fs.chmodSync(`scripts/${f}`, 0o755);
}
