const { execSync, execFileSync } = require('child_process');

const sha = execSync('git rev-parse --short HEAD').toString().trim();
const branch = execFileSync('git', ['branch', '--show-current'], { encoding: 'utf8' }).trim();
const dirty = execSync('git status --porcelain', { encoding: 'utf8' }) !== '';
console.log(`${branch}@${sha}${dirty ? '+' : ''}`);
