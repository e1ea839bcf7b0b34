const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-'));
try {
  fs.writeFileSync(path.join(dir, 'input.txt'), 'hello');
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
