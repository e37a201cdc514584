// Runs a TypeScript entry point (benchmarks, demo tools) by bundling it with esbuild first.
// Usage: node scripts/run-ts.mjs FILE.ts [args...]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'trendcast-run-'));
const outfile = join(dir, 'entry.cjs');
await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, sourcemap: 'inline', logLevel: 'warning', packages: 'external' });
const result = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...args], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
