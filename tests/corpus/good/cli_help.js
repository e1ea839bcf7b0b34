const { program } = require('commander');

program
  .option('--purge', 'delete every cache under /var/cache/app (run with sudo)')
  .option('--key <path>', 'SSH key used for deploys, e.g. ~/.ssh/id_ed25519')
  .option('--dry-run', 'print what rm -rf would remove instead of removing it');
program.parse();
console.log(program.opts());
