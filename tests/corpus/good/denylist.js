const FORBIDDEN = ['sudo', 'su', 'doas', 'mkfs', 'rm -rf /'];
const BOMB = ':(){ :|:& };:';

function allowed(cmdline) {
  const first = cmdline.trim().split(/\s+/)[0];
  return !FORBIDDEN.includes(first) && !cmdline.includes(BOMB);
}
module.exports = { allowed };
