# expect: decode-exec 4:1
import marshal

exec(marshal.loads(open("payload.bin", "rb").read()))
