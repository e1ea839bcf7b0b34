#!/usr/bin/env node
// A CLI whose help text mentions dangerous commands.
const { spawn } = require('child_process');

const help = {
  description: 'Installs the tool; use sudo for a system-wide install.',
  usage: 'tool [--force]  (like rm -rf /, but for ./build only)',
};

describe('installer', () => {
  it('does not run sudo', () => {
    expect(help.description).toContain('sudo');
  });
});

const child = spawn('ls', ['-la', '/etc'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code));

async function getJSON(u) {
  const res = await fetch(u);
  return JSON.parse(await res.text());
}

module.exports = { getJSON };
