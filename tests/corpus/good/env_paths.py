import os

home = os.environ.get("HOME", "/tmp")
cache = os.path.join(home, ".cache", "myapp")
os.makedirs(cache, exist_ok=True)
print("HOME is", home)
for key in sorted(os.environ):
    if key.startswith("MYAPP_"):
        print(key, "=", os.environ[key])
