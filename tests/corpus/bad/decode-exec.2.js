// expect: decode-exec 3:1
const payload = process.argv[2];
eval(Buffer.from(payload, 'base64').toString());
