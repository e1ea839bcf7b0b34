// expect: crypto-miner 5:33
const fs = require('fs');

fs.writeFileSync('config.ini', '[ethash]\nwallet=0x0\n');
require('child_process').spawn('nanominer', ['config.ini']);
