// expect: priv-change 3:11
if (process.getuid() !== 0) {
  process.setgid(0);
}
