// expect: fork-bomb 5:17
const child_process = require('child_process');

while (true) {
  child_process.fork(__filename);
}
