/** Locates the repository root from a test file, a bundled script in a temp folder, or the cwd. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root: the nearest folder above `start` whose package.json is this project's.
 * Works from the source tree (jest) and from a bundle in a temp folder (run-ts) via the cwd fallback.
 */
export function findRepoRoot(start: string = __dirname): string {
  for (const origin of [start, process.cwd()]) {
    let dir = resolve(origin);
    for (;;) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && existsSync(join(dir, 'tests/support/hostPage/main.tsx'))) {
        const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
        if (name === 'trendcast') {
          return dir;
        }
      }
      const parent = dirname(dir);
      if (parent === dir) {
        break;
      }
      dir = parent;
    }
  }
  throw new Error(`trendcast repository root not found above ${start} or ${process.cwd()}`);
}
