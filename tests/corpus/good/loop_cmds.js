const { spawnSync } = require('child_process');

const checks = [['git', 'status', '--short'], ['npm', 'test'], ['npm', 'run', 'lint']];
for (const c of checks) {
  const r = spawnSync(c[0], c.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status);
}
