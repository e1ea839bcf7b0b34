# expect: cred-read 4:17
import os

os.system("cat ~/.config/gcloud/application_default_credentials.json")
