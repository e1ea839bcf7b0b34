// expect: sys-write 4:4
const fs = require('fs');

fs.writeFile('/proc/sys/kernel/panic', '1', (err) => {
  if (err) console.error(err);
});
