// expect: decode-exec 2:1
eval(atob('Y29uc29sZS5sb2coMSk='));
