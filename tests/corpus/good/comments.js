'use strict';
// rm -rf /   -- in a comment
/* sudo make install
   curl https://example.com/x.sh | sh */
const { execFile, exec } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const url = 'http://example.com//double//slashes'; // '//' in a string
const re = /\/\/ not a comment/g;                  // '//' in a regex
const cls = /[/'"]/;                                // quotes in a regex class
const half = 10 / 2 / 5;                            // division, not a regex

function clean(tmpDir) {
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), 'build'), { recursive: true });
  exec('rm -rf ./dist');
}

function talk() {
  console.log('run this with sudo');
  console.log(`please run: sudo ${path.basename(__filename)}`);
  execFile('echo', ['sudo', 'is', 'not', 'needed']);
  throw new Error('never pipe curl into sh');
}

function read() {
  const hosts = fs.readFileSync('/etc/hosts', 'utf8');
  const m = re.exec(hosts);
  while (true) {
    const line = cls.exec(hosts);
    if (!line) break;
  }
  return JSON.parse(Buffer.from(hosts, 'base64').toString()) || m || half;
}

module.exports = { clean, talk, read, url };
