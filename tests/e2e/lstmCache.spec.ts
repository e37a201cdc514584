/**
 * End to end: the LSTM weight cache round-trips through headless Chromium's real IndexedDB, through
 * the BUILT plugin (dist/trendcast-forecast-panel/module.js, its lazy lstm-client chunk and the
 * lstm-worker it starts), on each Grafana line. The
 * panel (the default model, auto, and the panel's default training) finds the generated 14-day
 * hourly series seasonal (a daily cycle), so it trains the LSTM cold, shows its forecast, stores the
 * weights, and after a page reload in the same browser profile forecasts from the cached weights
 * without training.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

import { TEST_IDS } from '../../src/panel/constants';
import type { FrameJSON } from '../support/hostPage/hostPageConfig';
import { e2eLines, GrafanaLine, lineVersions } from '../support/hostPage/grafanaLines';
import { HostPage, startHostPage } from '../support/hostPage/server';
import { LaunchedChromium, launchChromium } from './browser';
import { canvasImage } from './canvasPixels';
import { expectCleanLoad, openHostPage } from './hostPageSession';

const ROOT = resolve(__dirname, '../..');
const HOUR_MS = 3_600_000;
const DAYS = 14;
// A fixed end (not now): the reloaded page must get exactly the same points, or it would fine-tune.
const END = Date.UTC(2026, 10, 1);
/** IndexedDB database of the browser weight store (src/runtime/indexedDbWeightStore.ts). */
const DB_NAME = 'trendcast-lstm';
/** Cold training of 3 small networks on 336 points takes a few seconds in Chromium; room to spare. */
const TRAIN_TIMEOUT_MS = 50_000;

/** Deterministic uniform noise in [-0.5, 0.5) (mulberry32), so the spec's data never changes. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** One frame: 14 days hourly, 50 ± 10 daily cycle + slow rise + noise; far below the 90/100 thresholds. */
function seasonalFrame(host = 'web1', seed = 7): FrameJSON {
  const n = DAYS * 24;
  const rnd = noise(seed);
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push(END - (n - 1 - i) * HOUR_MS);
    values.push(50 + 10 * Math.sin((2 * Math.PI * i) / 24) + 0.01 * i + 2 * rnd());
  }
  return {
    name: `cpu.mean { host: ${host} }`,
    fields: [
      { name: 'time', type: 'time', values: times },
      { name: 'mean', type: 'number', values, labels: { host } },
    ],
  };
}

/**
 * Installed before every document of the page: records whether the LSTM progress bar (shown only
 * while a network trains or fine-tunes) ever appeared, in `window.__sawLstmProgress`.
 */
function watchProgressBar(testId: string): void {
  const w = window as unknown as { __sawLstmProgress?: boolean };
  w.__sawLstmProgress = false;
  const check = () => {
    if (document.querySelector(`[data-testid="${testId}"]`)) {
      w.__sawLstmProgress = true;
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/**
 * Waits until the panel's LSTM run is over: a status line and "Retrain now" (shown only while no
 * job runs) are both there at the same moment. Returns the status line's text.
 */
async function waitForLstmIdle(page: Page): Promise<string> {
  await page.waitForFunction(
    (ids: { status: string; retrain: string }) =>
      document.querySelector(`[data-testid="${ids.status}"]`) !== null &&
      document.querySelector(`[data-testid="${ids.retrain}"]`) !== null,
    { status: TEST_IDS.lstmStatus, retrain: TEST_IDS.lstmRetrain },
    { timeout: TRAIN_TIMEOUT_MS }
  );
  return (await page.getByTestId(TEST_IDS.panel).getByTestId(TEST_IDS.lstmStatus).textContent()) ?? '';
}

interface StoredEntry {
  key: string;
  bytes: number;
  blobBytes: number;
}

/** The weight store's entries as the page's IndexedDB holds them (meta + blobs object stores). */
async function readWeightStore(page: Page): Promise<StoredEntry[]> {
  return page.evaluate(async (dbName: string) => {
    const exists = (await indexedDB.databases()).some((d) => d.name === dbName);
    if (!exists) {
      return [];
    }
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const metas = await all<{ key: string; bytes: number }>('meta');
    const blobs = await all<{ key: string; data: ArrayBuffer | ArrayBufferView | Blob }>('blobs');
    db.close();
    const size = (d: ArrayBuffer | ArrayBufferView | Blob | undefined) =>
      d === undefined ? -1 : d instanceof Blob ? d.size : d.byteLength;
    return metas.map((m) => ({
      key: m.key,
      bytes: m.bytes,
      blobBytes: size(blobs.find((b) => b.key === m.key)?.data),
    }));
  }, DB_NAME);
}

describe.each(e2eLines())(
  'LSTM weight cache in headless Chromium IndexedDB, through the built plugin, on the Grafana %s line',
  (line: GrafanaLine) => {
    let browser: LaunchedChromium | undefined;
    let host: HostPage | undefined;

    beforeAll(async () => {
      host = await startHostPage({
        line,
        timeZone: 'UTC',
        panels: [{ title: 'CPU', frames: [seasonalFrame()], options: { horizon: '2d' } }],
      });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await host?.stop();
    });

    test('trains cold and stores the weights, then forecasts from IndexedDB after a reload without training', async () => {
      const page = await browser!.newPage();
      await page.addInitScript(watchProgressBar, TEST_IDS.lstmProgress);
      const load = await openHostPage(page, host!.url);
      expectCleanLoad(load, lineVersions(ROOT, line).react);
      const panel = page.getByTestId(TEST_IDS.panel);

      // Nothing cached in a fresh profile: a cold training, with its progress bar.
      const cold = await waitForLstmIdle(page);
      expect(cold).toContain('host=web1');
      expect(cold).toContain('trained now');
      expect(cold).toContain(`on ${DAYS * 24} points`);
      // auto shows the LSTM's forecast once it has trained.
      await expect(panel.textContent()).resolves.toContain('model: lstm');
      expect(await page.evaluate(() => (window as unknown as { __sawLstmProgress?: boolean }).__sawLstmProgress)).toBe(
        true
      );
      // The forecast is drawn: the tooltip near the horizon's end has web1's forecast and band.
      const over = panel.locator('.u-over');
      const box = (await over.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2);
      await expect(panel.page().getByTestId(TEST_IDS.tooltipRow).first().textContent()).resolves.toMatch(
        /^host=web1–\d/
      );
      await page.mouse.move(box.x, box.y + box.height + 200);
      const coldImage = await canvasImage(panel.locator('canvas'));

      // The worker wrote one entry for this dashboard / panel / series into the page's IndexedDB.
      const stored = await readWeightStore(page);
      expect(stored).toHaveLength(1);
      expect(stored[0].key).toMatch(/^trendcast-lstm\|/);
      expect(stored[0].key).toContain('|dashboard=unsaved|');
      expect(stored[0].key).toContain('host=web1');
      expect(stored[0].bytes).toBeGreaterThan(1000);
      expect(stored[0].blobBytes).toBe(stored[0].bytes);

      // Same profile, same origin, same points: the reloaded page reads the weights back and trains nothing.
      await page.reload();
      await page.waitForFunction(
        () => window.__TRENDCAST_READY__ === true || (window.__TRENDCAST_ERRORS__ ?? []).length > 0,
        null,
        { timeout: 60_000 }
      );
      expect(await page.evaluate(() => window.__TRENDCAST_ERRORS__ ?? [])).toEqual([]);
      const warm = await waitForLstmIdle(page);
      expect(warm).toContain('host=web1');
      expect(warm).toContain('from cached weights');
      expect(warm).not.toContain('trained now');
      expect(warm).not.toContain('fine-tuned');
      // The status is the stored model's: same training time and points as the cold run.
      const trainedAt = /trained (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) on (\d+) points/;
      expect(warm.match(trainedAt)?.slice(1)).toEqual(cold.match(trainedAt)?.slice(1));
      expect(await page.evaluate(() => (window as unknown as { __sawLstmProgress?: boolean }).__sawLstmProgress)).toBe(
        false
      );
      // The cache outcome itself is in the expandable details.
      await panel.getByTestId(TEST_IDS.lstmStatus).getByRole('button', { name: 'losses' }).click();
      await expect(panel.getByTestId(TEST_IDS.lstmStatus).textContent()).resolves.toContain('cache hit');
      // The forecast line is drawn from the cached weights: the same line as the freshly trained model's.
      expect(await canvasImage(panel.locator('canvas'))).toBe(coldImage);
      // Still one entry (an unchanged cached refresh does not write a second one).
      const after = await readWeightStore(page);
      expect(after.map((e) => e.key)).toEqual(stored.map((e) => e.key));
      await page.close();
    });
  }
);

describe.each(e2eLines())('LSTM training workers in headless Chromium, on the Grafana %s line', (line: GrafanaLine) => {
  let browser: LaunchedChromium | undefined;
  let host: HostPage | undefined;
  const hosts = ['web1', 'web2', 'web3'];

  beforeAll(async () => {
    host = await startHostPage({
      line,
      timeZone: 'UTC',
      panels: [{ title: 'CPU', frames: hosts.map((h, i) => seasonalFrame(h, 11 + i)), options: { horizon: '2d' } }],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  test('trains the series of a panel side by side, one worker per core', async () => {
    const page = await browser!.newPage();
    const load = await openHostPage(page, host!.url);
    expectCleanLoad(load, lineVersions(ROOT, line).react);
    // Idle: "Retrain now" (shown only while no job runs) beside a status line per series.
    await page.waitForFunction(
      (args: { status: string; retrain: string; count: number }) =>
        document.querySelectorAll(`[data-testid="${args.status}"]`).length === args.count &&
        document.querySelector(`[data-testid="${args.retrain}"]`) !== null,
      { status: TEST_IDS.lstmStatus, retrain: TEST_IDS.lstmRetrain, count: hosts.length },
      { timeout: TRAIN_TIMEOUT_MS }
    );
    const panel = page.getByTestId(TEST_IDS.panel);
    const lines = await panel.getByTestId(TEST_IDS.lstmStatus).allTextContents();
    expect(lines.map((l) => l.split(' ')[0])).toEqual(hosts.map((h) => `host=${h}`));
    expect(lines.every((l) => l.includes('trained now'))).toBe(true);
    await expect(panel.textContent()).resolves.toContain('model: lstm');
    // One worker per core (at most 4), never more than there were series to train.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(page.workers()).toHaveLength(Math.max(1, Math.min(4, cores, hosts.length)));
    await page.close();
  });
});
