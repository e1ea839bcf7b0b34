# expect: crypto-miner 2:17
NBMINER = "/opt/nbminer/nbminer"
ARGS = ["-a", "etchash", "-o", "pool.example.org:1111"]
