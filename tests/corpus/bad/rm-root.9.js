// expect: rm-root 4:12
const { spawnSync } = require('child_process');

spawnSync('find', ['/', '-mindepth', '1', '-delete']);
