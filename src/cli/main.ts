import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import pkg from '../../package.json';
import { runServiceMain } from '../service/main';
import { ForecastWorkerData } from './forecastPool';
import { runCliAsync } from './run';

// A reader that stops early (`| head`) closes the pipe: stop quietly, as other tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') {
    process.exit(0);
  }
  throw e;
});

const argv = process.argv.slice(2);
// `trendcast run`: the headless job (src/service/); everything else is the one-shot command line.
const finished =
  argv[0] === 'run'
    ? runServiceMain(argv, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      })
    : runCliAsync(argv, {
        openInput: (path) => {
          if (path === '-') {
            return process.stdin;
          }
          // Fail now, with the file's name, rather than on the first read.
          if (statSync(path).isDirectory()) {
            throw new Error('it is a folder');
          }
          // 64 KiB chunks: a chunk's text over V8's largest regular object (128 KiB) is made in the
          // large-object space, and the reader ran 1.8 times slower on 1 MiB chunks
          // (docs/benchmarks.md, "CLI at fleet size").
          return createReadStream(path, { highWaterMark: 1 << 16 });
        },
        stdout: (text) =>
          // Wait for the pipe to drain when it is full: output stays bounded whatever the reader's pace.
          process.stdout.write(text)
            ? undefined
            : new Promise<void>((resolve) => process.stdout.once('drain', resolve)),
        stderr: (text) => process.stderr.write(text),
        stderrIsTTY: process.stderr.isTTY === true,
        version: pkg.version,
        sizeOf: (path) => (path === '-' ? null : statSync(path).size),
        // Built beside this bundle by scripts/build-cli.mjs (src/cli/workerMain.ts).
        startWorker: (data: ForecastWorkerData) =>
          new Worker(join(__dirname, 'forecast-worker.cjs'), { workerData: data }),
      });
finished.then((code) => {
  process.exitCode = code;
});
