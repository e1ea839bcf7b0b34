# expect: crypto-miner 2:9
POOL = "stratum+ssl://eu.pool.example.com:443"
