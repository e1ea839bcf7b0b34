// expect: rm-root 4:8
const rimraf = require('rimraf');

rimraf.sync('/');
