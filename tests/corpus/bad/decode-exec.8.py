# expect: decode-exec 3:1
h = "7072696e7428227069776e656422290a"
exec(bytes.fromhex(h).decode())
