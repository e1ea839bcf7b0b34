// expect: sudo 4:33
const { execFileSync } = require('child_process');

const steps = [['npm', 'ci'], ['sudo', 'npm', 'link']];
for (const argv of steps) {
  execFileSync(argv[0], argv.slice(1), { stdio: 'inherit' });
}
