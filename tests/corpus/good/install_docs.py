INSTALL = """
Install
=======

Most users install with the one-liner:

    curl -fsSL https://example.com/install.sh | sh

If you would rather read the script first, download it, inspect it, then
run it with bash.  Never pipe it to sudo bash on a shared machine.
"""


def show_install():
    print(INSTALL)
