/**
 * The built host page bundle on disk (node_modules/.cache/trendcast-host-page/). Kept apart from
 * buildHostPage.ts so that reading it does not load esbuild, which refuses to load inside jest's
 * jsdom environment (its Uint8Array invariant); the e2e globalSetup builds it in plain Node first.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The host page bundle: JavaScript plus the CSS some @grafana/ui components import. */
export interface HostPageBundle {
  js: string;
  css: string;
}

const CACHE_DIR = 'node_modules/.cache/trendcast-host-page';
const JS = 'host-page.js';
const CSS = 'host-page.css';

/** Files whose change makes a cached bundle stale: the host page sources and what they import from src/. */
function sourceMtime(root: string): number {
  const dir = join(root, 'tests/support/hostPage');
  const files = readdirSync(dir).map((f) => join(dir, f));
  files.push(join(root, 'src/panel/types.ts'), join(root, 'package-lock.json'));
  return Math.max(...files.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
}

/** Stores `bundle` in the cache folder under `root`. */
export function writeHostPageBundle(root: string, bundle: HostPageBundle): void {
  const dir = join(root, CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, CSS), bundle.css);
  // JS last: its mtime is what freshness is judged by.
  writeFileSync(join(dir, JS), bundle.js);
}

/** The cached bundle under `root` when it exists and is newer than its sources; else undefined. */
export function readFreshHostPageBundle(root: string): HostPageBundle | undefined {
  const js = join(root, CACHE_DIR, JS);
  const css = join(root, CACHE_DIR, CSS);
  if (!existsSync(js) || !existsSync(css) || statSync(js).mtimeMs < sourceMtime(root)) {
    return undefined;
  }
  return { js: readFileSync(js, 'utf8'), css: readFileSync(css, 'utf8') };
}
