# expect: crypto-miner 4:22
import subprocess

subprocess.Popen(["./lolMiner", "--algo", "ETHASH", "--pool", "eth.example.org:4444"])
