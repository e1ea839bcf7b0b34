const fs = require('fs/promises');

fs.readFile('config.json', 'utf8')
  .then(JSON.parse)
  .then((cfg) => validate(cfg))
  .then(console.log);

function validate(cfg) {
  if (!cfg.name) throw new Error('name missing');
  return cfg;
}
