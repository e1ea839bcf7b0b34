import os

big = []
for root, dirs, files in os.walk("/"):
    dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev")]
    for name in files:
        path = os.path.join(root, name)
        try:
            size = os.path.getsize(path)
        except OSError:
            continue
        if size > 1 << 30:
            big.append((size, path))
for size, path in sorted(big, reverse=True)[:20]:
    print(f"{size >> 20:8d} MB  {path}")
