import { readFileSync } from 'node:fs';

import { runServiceMain } from '../service/main';
import { runCliAsync } from './run';

(process.argv[2] === 'run' ? runServiceMain : runCliAsync)(process.argv.slice(2), {
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
