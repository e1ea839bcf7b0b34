const net = require('net');
const { spawn } = require('child_process');

const build = spawn('bash', ['-c', 'npm run watch'], { stdio: 'inherit' });
const server = net.createServer((client) => {
  const upstream = net.connect(3000, '127.0.0.1');
  client.pipe(upstream);
  upstream.pipe(client);
});
server.listen(8080);
process.on('SIGINT', () => build.kill());
