/**
 * The built host page bundles on disk, one per Grafana line (node_modules/.cache/trendcast-host-page/<line>/). Kept apart from
 * buildHostPage.ts so that reading it does not load esbuild, which refuses to load inside jest's
 * jsdom environment (its Uint8Array invariant); the e2e globalSetup builds it in plain Node first.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { GrafanaLine, lineLockFile } from './grafanaLines';

/** The host page bundle: JavaScript plus the CSS some @grafana/ui components import. */
export interface HostPageBundle {
  js: string;
  css: string;
}

const CACHE_DIR = 'node_modules/.cache/trendcast-host-page';
const JS = 'host-page.js';
const CSS = 'host-page.css';

/**
 * Files whose change makes a cached bundle stale: the host page sources, what they import from src/,
 * and the lock files of the packages bundled (the repository's and the line's).
 */
function sourceMtime(root: string, line: GrafanaLine): number {
  const dir = join(root, 'tests/support/hostPage');
  const files = readdirSync(dir).map((f) => join(dir, f));
  files.push(join(root, 'src/panel/types.ts'), join(root, 'package-lock.json'), lineLockFile(root, line));
  return Math.max(...files.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
}

/** The cache folder of `line` under `root`. */
function cacheDir(root: string, line: GrafanaLine): string {
  return join(root, CACHE_DIR, line);
}

/** Stores `bundle`, built for `line`, in the cache folder under `root`. */
export function writeHostPageBundle(root: string, line: GrafanaLine, bundle: HostPageBundle): void {
  const dir = cacheDir(root, line);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, CSS), bundle.css);
  // JS last: its mtime is what freshness is judged by.
  writeFileSync(join(dir, JS), bundle.js);
}

/** The cached bundle of `line` under `root` when it exists and is newer than its sources; else undefined. */
export function readFreshHostPageBundle(root: string, line: GrafanaLine): HostPageBundle | undefined {
  const js = join(cacheDir(root, line), JS);
  const css = join(cacheDir(root, line), CSS);
  if (!existsSync(js) || !existsSync(css) || statSync(js).mtimeMs < sourceMtime(root, line)) {
    return undefined;
  }
  return { js: readFileSync(js, 'utf8'), css: readFileSync(css, 'utf8') };
}
