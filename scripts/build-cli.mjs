// Bundles the `trendcast` command line (src/cli) for Node into dist-cli/: same engine, one code
// path. The forecast worker threads of `--jobs` get a bundle of their own, beside the command's.
import { build } from 'esbuild';

const options = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};
await build({ ...options, entryPoints: ['src/cli/main.ts'], outfile: 'dist-cli/trendcast.cjs' });
await build({ ...options, entryPoints: ['src/cli/workerMain.ts'], outfile: 'dist-cli/forecast-worker.cjs' });
