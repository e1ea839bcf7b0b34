const parse = JSON.parse;
const text = require('fs').readFileSync('data.json', 'utf8');
const data = parse(text);
const show = console.log;
show(data.items.length);
