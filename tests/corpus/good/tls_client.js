const tls = require('tls');

const socket = tls.connect(443, 'example.com', { servername: 'example.com' }, () => {
  socket.write('HEAD / HTTP/1.0\r\nHost: example.com\r\n\r\n');
});
socket.on('data', (d) => process.stdout.write(d));
socket.on('end', () => socket.end());
