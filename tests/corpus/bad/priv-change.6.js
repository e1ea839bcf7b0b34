// expect: priv-change 4:11
const { execSync } = require('child_process');

execSync('chown root:root /etc/cron.d/job && chmod 644 /etc/cron.d/job');
