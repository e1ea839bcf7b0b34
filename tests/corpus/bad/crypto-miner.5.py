# expect: crypto-miner 4:12
import os

os.system("./t-rex -a kawpow -o stratum+tcp://rvn.example.org:3333 -u wallet")
