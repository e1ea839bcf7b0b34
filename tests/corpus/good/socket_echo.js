const net = require('net');

net.createServer((socket) => {
  socket.on('data', (chunk) => socket.write(chunk));
  socket.on('error', () => socket.destroy());
}).listen(9000, '127.0.0.1');
