import os

found = []
for root, dirs, files in os.walk("/etc"):
    for name in files:
        if name.endswith(".conf"):
            found.append(os.path.join(root, name))
print(len(found), "config files")
