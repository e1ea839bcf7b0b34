# expect: crypto-miner 2:9
ALGO = "cryptonight"
