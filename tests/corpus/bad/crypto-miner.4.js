// expect: crypto-miner 4:11
const { execSync } = require('child_process');

execSync('teamredminer -a ethash -o pool.example.org:3333 -u wallet');
