// expect: crypto-miner 4:10
const { spawn } = require('child_process');

spawn('./gminer', ['--algo', 'ethash', '--server', 'eth.example.org:4444']);
