/**
 * Opens the host page in a Playwright tab and waits until the plugin rendered (or failed), collecting
 * everything the browser reported, so a spec can assert "no errors" and see why when there are some.
 */
import type { Page } from 'playwright-core';

import '../support/hostPage/hostPageGlobals';

export interface HostPageLoad {
  /** `window.__TRENDCAST_ERRORS__` after the first render (load failures, panel crashes). */
  errors: string[];
  /** Uncaught page errors and console.error lines seen while loading. */
  consoleErrors: string[];
  /** Requests that failed or answered ≥ 400 (e.g. a chunk missing from dist/). */
  failedRequests: string[];
  /** React's version in the page (`React.version` of the shared react), or undefined before the bundle ran. */
  reactVersion: string | undefined;
}

/**
 * Navigates `page` to `url` and waits (up to `timeoutMs`) for `window.__TRENDCAST_READY__` or a
 * reported error. Returns what went wrong along the way; throws only on timeout.
 */
export async function openHostPage(page: Page, url: string, timeoutMs = 60_000): Promise<HostPageLoad> {
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      consoleErrors.push(`console.error: ${m.text()}`);
    }
  });
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
  page.on('response', (r) => {
    if (r.status() >= 400) {
      failedRequests.push(`${r.url()}: HTTP ${r.status()}`);
    }
  });
  await page.goto(url);
  await page.waitForFunction(
    () => window.__TRENDCAST_READY__ === true || (window.__TRENDCAST_ERRORS__ ?? []).length > 0,
    null,
    {
      timeout: timeoutMs,
    }
  );
  const errors = await page.evaluate(() => window.__TRENDCAST_ERRORS__ ?? []);
  const reactVersion = await page.evaluate(() => window.__TRENDCAST_REACT_VERSION__);
  return { errors, consoleErrors, failedRequests, reactVersion };
}

/** The page loaded as Grafana would load it: the line's React, no error, no failed request, no console error. */
export function expectCleanLoad(load: HostPageLoad, react: string): void {
  expect(load.reactVersion).toBe(react);
  expect(load.errors).toEqual([]);
  expect(load.failedRequests).toEqual([]);
  expect(load.consoleErrors).toEqual([]);
}
