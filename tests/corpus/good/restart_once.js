const { spawn } = require('child_process');

function start() {
  const child = spawn(process.execPath, ['server.js'], { stdio: 'inherit' });
  child.on('exit', (code) => {
    if (code !== 0) setTimeout(start, 1000);
  });
}
start();
