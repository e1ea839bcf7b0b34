// expect: decode-exec 6:4
const vm = require('vm');
const zlib = require('zlib');
const fs = require('fs');

vm.runInThisContext(zlib.inflateSync(fs.readFileSync('blob.z')).toString());
