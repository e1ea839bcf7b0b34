# expect: sudo 2:26
__import__("os").system("sudo id")
