from pathlib import Path

removed = 0
for pyc in Path("src").rglob("*.pyc"):
    pyc.unlink()
    removed += 1
for cache in Path(".").glob("**/__pycache__"):
    cache.rmdir()
print(f"removed {removed} files")
