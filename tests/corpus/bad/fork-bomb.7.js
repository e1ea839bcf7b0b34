// expect: fork-bomb 5:6
const cp = require('child_process');

while (1) {
  cp.exec('node ' + __filename);
}
