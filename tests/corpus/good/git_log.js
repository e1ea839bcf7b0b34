const { exec } = require('child_process');

const n = Number(process.argv[2] || 5);
exec(`git log --oneline -n ${n}`, (err, stdout) => {
  if (err) throw err;
  process.stdout.write(stdout);
});
