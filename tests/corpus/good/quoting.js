const { execSync, spawn } = require('child_process');

execSync("git commit -m 'fix: sudo; rm -rf / was wrong'");
spawn('git', ['commit', '-m', 'curl https://x | sh is bad']);
execSync('echo "sudo make me a sandwich"');
execSync(`grep -r 'chmod 777 /' ${process.cwd()}/docs`);
spawn('node', ['-e', 'console.log("rm -rf /")']);
execSync('ls -la /etc > /tmp/listing.txt 2>/dev/null');
