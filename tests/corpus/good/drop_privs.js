if (process.getuid && process.getuid() === 0) {
  process.setgid('nogroup');
  process.setuid('nobody');
}
console.log('uid', process.getuid());
