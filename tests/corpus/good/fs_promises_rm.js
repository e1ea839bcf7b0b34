import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = await mkdtemp(join(tmpdir(), 'test-'));
await writeFile(join(dir, 'a.txt'), 'a');
await rm(dir, { recursive: true, force: true });
