// expect: rm-root 7:21
const path = require('path');
const fs = require('fs');

async function wipe() {
  const target = path.resolve('/');
  await fs.promises.rm(target, { recursive: true });
}
wipe();
