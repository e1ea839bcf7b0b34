const cluster = require('cluster');
const os = require('os');
const http = require('http');

if (cluster.isPrimary) {
  for (let i = 0; i < os.cpus().length; i++) cluster.fork();
  cluster.on('exit', (worker) => console.log(`worker ${worker.process.pid} died`));
} else {
  http.createServer((req, res) => res.end('ok')).listen(8000);
}
