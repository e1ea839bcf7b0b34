// expect: sandbox-escape 5:28
const net = require('net');

const s = new net.Socket();
s.connect('/run/containerd/containerd.sock');
