const { spawn } = require('child_process');

const child = spawn('npm', ['run', 'build'], { stdio: 'inherit', shell: false });
child.on('exit', (code) => process.exit(code ?? 1));
