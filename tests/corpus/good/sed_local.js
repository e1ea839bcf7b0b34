const { execSync } = require('child_process');

execSync("sed -i 's/0.1.0/0.2.0/' package.json");
execSync('cp build/app.js dist/app.js && chmod 755 dist/app.js');
execSync('tar czf release.tgz dist');
