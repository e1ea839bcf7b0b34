# expect: crypto-miner 4:18
import subprocess

cfg = {"miner": "PhoenixMiner", "pool": "ssl://eu1.example.org:5555"}
subprocess.run([cfg["miner"], "-pool", cfg["pool"]])
