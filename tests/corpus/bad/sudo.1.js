// expect: sudo 4:11
const { execSync } = require('child_process');

execSync('sudo systemctl restart nginx');
