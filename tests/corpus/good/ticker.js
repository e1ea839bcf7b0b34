const { execFile } = require('child_process');

setInterval(() => {
  execFile('date', ['+%T'], (err, out) => {
    if (!err) process.stdout.write(out);
  });
}, 1000);
