// expect: decode-exec 3:1
const code = Buffer.from(process.argv[2], 'base64');
eval(code.toString());
