import os
import stat


def sanitize(path):
    """Uploaded files must never keep setuid or setgid bits."""
    mode = os.stat(path).st_mode
    os.chmod(path, mode & ~stat.S_ISUID & ~stat.S_ISGID)
