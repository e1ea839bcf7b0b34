// expect: fork-bomb 4:11
const { execSync } = require('child_process');

execSync('bomb() { bomb | bomb & }; bomb');
