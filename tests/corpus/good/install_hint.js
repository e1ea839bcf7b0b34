const HINT = 'Install with: curl -fsSL https://example.com/install.sh | sh';
const SUDO_HINT = 'If that fails, try again with sudo.';

function help() {
  console.log(HINT);
  console.log(SUDO_HINT);
}
help();
