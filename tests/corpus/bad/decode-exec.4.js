// expect: decode-exec 4:1
const blob = 'Y29uc29sZS5sb2coMSk=';
const src = atob(blob);
eval(src);
