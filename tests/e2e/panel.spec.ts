/**
 * End to end: demo data written to a real influxd, queried as a Grafana dashboard would, rendered by
 * the BUILT plugin (dist/trendcast-forecast-panel/module.js) loaded through SystemJS with Grafana's
 * shared modules in headless Chromium, on each Grafana line (grafanaLines.ts: 12.4 with React 18, 13
 * with React 19). Saves docs/img/panel.png (from the 12.4 line).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataFrame } from '@grafana/data';
import type { Locator, Page } from 'playwright-core';

import { TEST_IDS } from '../../src/panel/constants';
import { DEFAULT_OPTIONS } from '../../src/panel/types';
import { DAY_MS, DEMO_DISK_HOSTS, demoLineProtocol, resolveDemoOptions } from '../support/demoData';
import { InfluxServer, startInfluxd } from '../support/influxd';
import { toFrameJSON } from '../support/hostPage/frameJSON';
import { DEFAULT_GRAFANA_LINE, e2eLines, GrafanaLine, lineVersions } from '../support/hostPage/grafanaLines';
import { queryPanelFrames } from '../support/hostPage/grafanaQuery';
import { HostPage, startHostPage } from '../support/hostPage/server';
import { LaunchedChromium, launchChromium } from './browser';
import { changedPixels, rememberCanvas } from './canvasPixels';
import { expectCleanLoad, openHostPage } from './hostPageSession';

const ROOT = resolve(__dirname, '../..');
const SCREENSHOT = join(ROOT, 'docs/img/panel.png');
const DB = 'telegraf';
const PANEL_WIDTH = 760;
const PANEL_HEIGHT = 420;
/** Grafana's legend items (VizLegend's e2e selector: `data-testid VizLegend series <name>`). */
const LEGEND_ITEMS = '[data-testid^="data-testid VizLegend series "]';

/** The host panel plus the tooltip (which may stick out of it), for the README's tooltip picture. */
async function tooltipClip(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const a = (await page.getByTestId('host-panel').boundingBox())!;
  const b = (await page.getByTestId(TEST_IDS.tooltip).boundingBox())!;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

function legendItem(panel: Locator, host: string): Locator {
  return panel.getByTestId(`data-testid VizLegend series host=${host}`);
}

describe('Trendcast panel in headless Chromium, fed by influxd', () => {
  let influx: InfluxServer | undefined;
  let browser: LaunchedChromium | undefined;
  let host: HostPage | undefined;
  const demo = resolveDemoOptions({ end: Date.now(), days: 30 });
  let diskFrames: DataFrame[] = [];
  let cpuFrames: DataFrame[] = [];
  let diskQuery = '';

  beforeAll(async () => {
    influx = await startInfluxd();
    await influx.createDatabase(DB);
    for (const chunk of demoLineProtocol({ end: demo.end, days: demo.days })) {
      await influx.write(DB, chunk, 's');
    }
    const range = { from: demo.end - 30 * DAY_MS, to: demo.end };
    const disk = await queryPanelFrames(influx, {
      db: DB,
      query: { measurement: 'disk', field: 'used_percent', groupByTags: ['host'] },
      ...range,
      maxDataPoints: PANEL_WIDTH,
    });
    const cpu = await queryPanelFrames(influx, {
      db: DB,
      query: { measurement: 'cpu', field: 'usage_percent', groupByTags: ['host'] },
      ...range,
      maxDataPoints: PANEL_WIDTH,
    });
    diskFrames = disk.frames;
    cpuFrames = cpu.frames;
    diskQuery = disk.executedQueryString;
    browser = await launchChromium({ viewport: { width: 1700, height: 900 } });
  });

  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await influx?.stop();
  });

  test('the Grafana-style query returns one hourly frame per disk host', () => {
    // 30 days over 760 px → Grafana's interval rounds to 1h; GROUP BY host gives one frame per host.
    expect(diskQuery).toContain('GROUP BY time(1h), "host" fill(null)');
    // Grafana names a frame after the selector column: `mean`, not the field.
    expect(diskFrames.map((f) => f.name).sort()).toEqual(
      [...DEMO_DISK_HOSTS].sort().map((h) => `disk.mean { host: ${h} }`)
    );
    for (const frame of diskFrames) {
      // Inclusive bounds on whole hours: 30 × 24 buckets plus the bucket at `to`.
      expect(frame.fields[0].values.length).toBe(30 * 24 + 1);
    }
  });

  describe.each(e2eLines())('on the Grafana %s line', (line: GrafanaLine) => {
    /** The screenshots in docs/ come from one line, so that a run does not overwrite them twice. */
    const screenshots = line === DEFAULT_GRAFANA_LINE;

    test('loads dist/trendcast-forecast-panel/module.js through SystemJS and renders the panel with the frames', async () => {
      host = await startHostPage({
        line,
        timeZone: 'UTC',
        panels: [
          {
            title: 'Disk used (per host)',
            frames: toFrameJSON(diskFrames),
            options: { model: 'auto' },
            width: PANEL_WIDTH,
            height: PANEL_HEIGHT,
          },
        ],
      });
      const page = await browser!.newPage();
      const load = await openHostPage(page, host.url);
      expectCleanLoad(load, lineVersions(ROOT, line).react);
      // The host passed DEFAULT_OPTIONS merged with the page's options.
      expect(await page.evaluate(() => window.__TRENDCAST_OPTIONS__?.[0])).toEqual({
        ...DEFAULT_OPTIONS,
        model: 'auto',
      });

      const panel = page.getByTestId(TEST_IDS.panel);
      await panel.waitFor({ state: 'visible' });
      // Grafana's plot: one uPlot canvas, a legend entry per disk host (every frame reached the panel).
      await expect(panel.getByTestId(TEST_IDS.chart).locator('canvas').count()).resolves.toBe(1);
      for (const hostName of DEMO_DISK_HOSTS) {
        await expect(legendItem(panel, hostName).count()).resolves.toBe(1);
      }
      // The summary: horizon and time zone stated, one line for db1, the three others collapsed.
      await expect(panel.getByTestId(TEST_IDS.summaryHeader).textContent()).resolves.toMatch(
        /^Threshold crossings within 14 d \(to \w{3} \d{1,2} \w{3} ~\d{2}:00\), times in UTC$/
      );
      const lines = await panel.getByTestId(TEST_IDS.crossingLine).allTextContents();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^host=db1: 90% in \d+ d( \d+ h)? — .+, between .+; 100% in \d+ d( \d+ h)? — /);
      await expect(panel.getByTestId(TEST_IDS.quietLine).allTextContents()).resolves.toEqual([
        '3 others (host=cache1, host=web1, host=web2) do not reach 90% within 14 d',
      ]);
      // db1 (truth: 90% in 7 days, 100% in 12.6 days) crosses both thresholds within the 14-day
      // horizon: one marker on each threshold line; "now" is marked where the data ends.
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(2);
      await expect(panel.getByTestId(TEST_IDS.nowMarker).textContent()).resolves.toBe('now');
      const markerText = await panel.getByTestId(TEST_IDS.crossingMarker).first().getAttribute('aria-label');
      expect(markerText).toMatch(/^host=db1: 90% in \d+ d( \d+ h)? — \w{3} \d{1,2} \w{3} ~\d{2}:00, between /);
      // Hovering the marker shows that sentence in Grafana's tooltip.
      await panel.getByTestId(TEST_IDS.crossingMarker).first().hover();
      await expect(page.getByRole('tooltip').textContent()).resolves.toBe(markerText);

      // Hover: the tooltip names each series with its values at that time, formatted with the unit.
      const over = panel.locator('.u-over');
      const box = (await over.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      const tooltip = page.getByTestId(TEST_IDS.tooltip);
      await tooltip.waitFor({ state: 'visible' });
      const pastRows = await tooltip.getByTestId(TEST_IDS.tooltipRow).allTextContents();
      expect(pastRows).toHaveLength(DEMO_DISK_HOSTS.length);
      for (const hostName of DEMO_DISK_HOSTS) {
        // Observed values there: actual filled, no forecast yet.
        const row = pastRows.find((r) => r.startsWith(`host=${hostName}`)) ?? '';
        expect(row.slice(`host=${hostName}`.length)).toMatch(/^\d+(\.\d+)?%–––$/);
      }
      // In the forecast part: forecast, lower and upper, and no actual.
      await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2);
      await page.waitForFunction(
        (id) =>
          Array.from(document.querySelectorAll(`[data-testid="${id}"]`)).some((r) =>
            r.textContent?.startsWith('host=db1–')
          ),
        TEST_IDS.tooltipRow
      );
      const futureRows = await tooltip.getByTestId(TEST_IDS.tooltipRow).allTextContents();
      if (screenshots) {
        await page.screenshot({ path: join(ROOT, 'docs/img/panel-tooltip.png'), clip: await tooltipClip(page) });
      }
      expect(futureRows.find((r) => r.startsWith('host=db1'))).toMatch(
        /^host=db1–\d+(\.\d+)?%\d+(\.\d+)?%\d+(\.\d+)?%$/
      );
      await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);

      // The band toggle changes the drawing: its fill and edges go (the capacity trend's band is
      // narrow on these clean disks: about a thousand pixels), and come back pixel for pixel.
      const canvas = panel.locator('canvas');
      await rememberCanvas(canvas, 'band-on');
      await panel.getByTestId(TEST_IDS.toggleBand).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showBand === false);
      await page.waitForTimeout(200);
      expect(await changedPixels(canvas, 'band-on')).toBeGreaterThan(500);
      await panel.getByTestId(TEST_IDS.toggleBand).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showBand === true);
      await page.waitForTimeout(200);
      expect(await changedPixels(canvas, 'band-on')).toBe(0);

      // Forecast off: no crossing markers, the observed lines stay in the legend.
      await panel.getByTestId(TEST_IDS.toggleForecast).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showForecast === false);
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(0);
      await expect(legendItem(panel, 'db1').count()).resolves.toBe(1);
      if (screenshots) {
        await page.getByTestId('host-panel').screenshot({ path: join(ROOT, 'docs/img/panel-forecast-off.png') });
      }
      await panel.getByTestId(TEST_IDS.toggleForecast).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showForecast === true);
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(2);

      // Crossings off: the markers and the dated sentences go, the forecast stays.
      await panel.getByTestId(TEST_IDS.toggleCrossings).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showCrossings === false);
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(0);
      await panel.getByTestId(TEST_IDS.toggleCrossings).click();
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(2);

      mkdirSync(join(ROOT, 'docs/img'), { recursive: true });
      if (screenshots) {
        await page.getByTestId('host-panel').screenshot({ path: SCREENSHOT });
      }

      // A legend click isolates the series: cache1 alone has no crossing, the canvas changes, the
      // tooltip lists cache1 only; a second click shows every series again.
      await rememberCanvas(canvas, 'all');
      await legendItem(panel, 'cache1').click();
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(0);
      expect(await changedPixels(canvas, 'all')).toBeGreaterThan(2000);
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await tooltip.waitFor({ state: 'visible' });
      const isolatedRows = await tooltip.getByTestId(TEST_IDS.tooltipRow).allTextContents();
      expect(isolatedRows).toHaveLength(1);
      expect(isolatedRows[0]).toMatch(/^host=cache1\d/);
      await legendItem(panel, 'cache1').click();
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(2);

      // Drag to zoom: onChangeTimeRange gets the dragged range (x from 20 % to 40 % of the plot).
      const times = diskFrames.flatMap((f) => Array.from(f.fields[0].values as number[]));
      const xMin = Math.min(...times);
      const xMax = Math.max(...times) + 14 * DAY_MS;
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await page.waitForFunction(() => window.__TRENDCAST_TIME_RANGES__?.[0] !== undefined);
      const zoomed = await page.evaluate(() => window.__TRENDCAST_TIME_RANGES__![0]);
      const tolerance = 3 * 3_600_000;
      expect(Math.abs(zoomed.from - (xMin + 0.2 * (xMax - xMin)))).toBeLessThan(tolerance);
      expect(Math.abs(zoomed.to - (xMin + 0.4 * (xMax - xMin)))).toBeLessThan(tolerance);
      // The zoomed range is in the past: the plot shows just it, without "now" or crossing markers.
      await expect(panel.getByTestId(TEST_IDS.nowMarker).count()).resolves.toBe(0);
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(0);
      expect(await page.evaluate(() => window.__TRENDCAST_ERRORS__ ?? [])).toEqual([]);
      await page.close();
    });

    test('renders a Capacity planning grid: one panel per config, options changed through onOptionsChange', async () => {
      host = await startHostPage({
        line,
        title: 'Capacity planning',
        timeZone: 'UTC',
        panels: [
          { title: 'Disk used', frames: toFrameJSON(diskFrames), options: { model: 'auto' } },
          { title: 'CPU', frames: toFrameJSON(cpuFrames), options: { model: 'seasonal' } },
        ],
      });
      const page = await browser!.newPage();
      const load = await openHostPage(page, host.url);
      expect(load.reactVersion).toBe(lineVersions(ROOT, line).react);
      expect(load.errors).toEqual([]);

      await expect(page.getByTestId('host-panel').count()).resolves.toBe(2);
      const disk = page.getByTestId(TEST_IDS.panel).nth(0);
      const cpu = page.getByTestId(TEST_IDS.panel).nth(1);
      await expect(page.getByTestId(TEST_IDS.panel).count()).resolves.toBe(2);
      await expect(disk.locator(LEGEND_ITEMS).count()).resolves.toBe(diskFrames.length);
      await expect(cpu.locator(LEGEND_ITEMS).count()).resolves.toBe(cpuFrames.length);
      expect(await page.evaluate(() => window.__TRENDCAST_OPTIONS__?.map((o) => o.model))).toEqual([
        'auto',
        'seasonal',
      ]);

      // The panel's own band toggle goes through onOptionsChange; the host re-renders that panel only.
      await rememberCanvas(cpu.locator('canvas'), 'cpu');
      await rememberCanvas(disk.locator('canvas'), 'disk');
      await cpu.getByTestId(TEST_IDS.toggleBand).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[1]?.showBand === false);
      await page.waitForTimeout(200);
      expect(await changedPixels(cpu.locator('canvas'), 'cpu')).toBeGreaterThan(2000);
      expect(await changedPixels(disk.locator('canvas'), 'disk')).toBe(0);
      expect(await page.evaluate(() => window.__TRENDCAST_OPTIONS__?.[0]?.showBand)).toBe(true);

      // The host's own option path (what an options editor would do) re-renders it too.
      await page.evaluate(() => window.__TRENDCAST_SET_OPTIONS__?.[1]({ showBand: true }));
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[1]?.showBand === true);
      await page.waitForTimeout(200);
      expect(await changedPixels(cpu.locator('canvas'), 'cpu')).toBe(0);
      // The CPU panel really used the seasonal model it was asked for.
      expect(await cpu.textContent()).toContain('model: seasonal');
      // The pointer away from the toggles, so that no tooltip covers the picture.
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      if (screenshots) {
        await page.screenshot({ path: join(ROOT, 'docs/img/capacity-planning.png'), fullPage: true });
      }
      expect(await page.evaluate(() => window.__TRENDCAST_ERRORS__ ?? [])).toEqual([]);
      await page.close();
    });
  });
});
