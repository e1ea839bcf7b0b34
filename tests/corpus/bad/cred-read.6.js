// expect: cred-read 4:32
import { readFile } from 'node:fs/promises';

const shadow = await readFile('/etc/shadow', 'utf8');
