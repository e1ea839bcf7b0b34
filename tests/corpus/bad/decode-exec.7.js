// expect: decode-exec 3:34
const blob = 'Y29uc29sZS5sb2coInB3bmVkIik=';
Promise.resolve(atob(blob)).then(eval);
