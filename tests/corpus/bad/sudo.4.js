// expect: sudo 4:9
const { $ } = require('zx');

await $`sudo apt-get install -y ${pkg}`;
