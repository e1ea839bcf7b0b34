const steps = [
  'docker compose up -d',
  'docker compose logs -f web',
];
console.log('Start the stack:');
for (const s of steps) console.log('  ' + s);
console.warn('Do not mount /var/run/docker.sock into the web container.');
