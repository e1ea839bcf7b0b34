// expect: decode-exec 3:5
const s = '636f6e736f6c652e6c6f67283129';
new Function(Buffer.from(s, 'hex').toString('utf8'))();
