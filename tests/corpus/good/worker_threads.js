const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  for (let i = 0; i < 4; i++) {
    const w = new Worker(__filename);
    w.on('message', (m) => console.log('worker said', m));
  }
} else {
  parentPort.postMessage('hi');
}
