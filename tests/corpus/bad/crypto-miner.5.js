// expect: crypto-miner 2:26
const bin = '/srv/miners/SRBMiner-MULTI';
module.exports = { bin, algo: 'randomx' };
