const vm = require('vm');

const context = vm.createContext({ x: 2, y: 3 });
console.log(vm.runInContext('x * y + 1', context));
console.log(eval('1 + 1'));
