const { execSync } = require('child_process');

for (;;) {
  try {
    execSync('curl -sf http://localhost:3000/health');
    break;
  } catch {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
}
