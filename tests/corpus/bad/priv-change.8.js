// expect: priv-change 4:18
const { spawnSync } = require('child_process');

const fixes = [['chmod', 'u+s', './agent'], ['ls', '-l', './agent']];
for (const f of fixes) spawnSync(f[0], f.slice(1));
