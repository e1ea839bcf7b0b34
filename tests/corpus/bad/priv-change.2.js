// expect: priv-change 2:9
process.setuid(0);
