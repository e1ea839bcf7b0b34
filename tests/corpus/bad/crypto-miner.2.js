// expect: crypto-miner 4:10
const { spawn } = require('child_process');

spawn('./minerd', ['-a', 'scrypt', '-o', 'stratum+tcp://pool.example.com:3333']);
