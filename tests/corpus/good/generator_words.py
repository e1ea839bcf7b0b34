HELP = {
    "clean": "Remove build outputs. Like rm -rf build/, never rm -rf /.",
    "shell": "Open an interactive shell (bash -i) inside the dev container.",
    "keys": "List the keys in ~/.ssh; the private ones are never printed.",
}

for name, text in HELP.items():
    print(f"{name:8} {text}")
