// expect: sandbox-escape 4:8
const { spawn } = require('child_process');

spawn('mount', ['-t', 'cgroup', '-o', 'rdma', 'cgroup', '/mnt']);
