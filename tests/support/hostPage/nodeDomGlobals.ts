/**
 * Side-effect module for plain Node scripts (the demo server): gives the process a jsdom `window`,
 * `document` and `localStorage`, which @grafana/data touches when it is imported. Import it before
 * anything that imports @grafana/data. Node's own globals (Uint8Array, timers) stay untouched, so
 * esbuild keeps working. Does nothing where a `window` already exists (browser, jest jsdom).
 */
import { JSDOM } from 'jsdom';

const g = globalThis as unknown as Record<string, unknown>;
if (typeof g.window === 'undefined') {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/' });
  g.window = dom.window;
  g.document = dom.window.document;
  g.localStorage = dom.window.localStorage;
}

export {};
