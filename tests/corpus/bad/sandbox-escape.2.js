// expect: sandbox-escape 4:34
const http = require('http');

http.get({ socketPath: '/var/run/docker.sock', path: '/containers/json' });
