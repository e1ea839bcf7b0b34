// expect: rm-root 5:7
import os from 'node:os';
import { rimraf } from 'rimraf';

await rimraf(os.homedir());
