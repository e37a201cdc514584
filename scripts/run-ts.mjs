// Runs a TypeScript entry point (benchmarks, demo tools) by bundling it with esbuild first.
// Usage: node scripts/run-ts.mjs FILE.ts [args...]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
// The bundle lives inside the repo so its external packages resolve from node_modules.
const cache = resolve('node_modules/.cache/trendcast-run');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'run-'));
const outfile = join(dir, 'entry.cjs');
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  sourcemap: 'inline',
  logLevel: 'warning',
  packages: 'external',
});
// Ctrl-C reaches the child (same process group); the parent waits for it and cleans up.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
const result = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...args], {
  stdio: 'inherit',
});
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
