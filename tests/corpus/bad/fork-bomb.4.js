// expect: fork-bomb 6:13
const cluster = require('cluster');

if (cluster.isPrimary) {
  while (true) {
    cluster.fork();
  }
}
