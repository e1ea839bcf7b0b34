# expect: decode-exec 5:1
import codecs

src = "cevag('uv')"
eval(compile(codecs.decode(src, "rot13"), "<x>", "exec"))
