// expect: sudo 5:10
const cp = require('child_process');
const tool = process.argv[2];

cp.exec(`pkexec ${tool} --install`, (err) => {
  if (err) throw err;
});
