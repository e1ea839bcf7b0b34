// expect: sudo 4:15
import { execSync } from 'node:child_process';

const base = 'sudo chown -R app:app /srv/app';
const command = base;
execSync(command);
