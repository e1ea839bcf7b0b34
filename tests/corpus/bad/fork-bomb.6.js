// expect: fork-bomb 4:11
const { execSync } = require('child_process');

execSync('forkit(){ forkit | forkit & }; forkit');
