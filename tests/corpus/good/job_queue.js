const { execFileSync } = require('child_process');

const queue = [['node', ['scripts/a.js']], ['node', ['scripts/b.js']]];
while (true) {
  const job = queue.shift();
  if (!job) break;
  execFileSync(job[0], job[1], { stdio: 'inherit' });
}
