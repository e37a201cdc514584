/**
 * End to end: demo data written to a real influxd, queried as a Grafana dashboard would, rendered by
 * the BUILT plugin (dist/trendcast-forecast-panel/module.js) loaded through SystemJS with Grafana's shared modules in headless
 * Chromium, on each Grafana line (grafanaLines.ts: 12.4 with React 18, 13 with React 19). Saves
 * docs/img/panel.png (from the 12.4 line).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataFrame } from '@grafana/data';

import { TEST_IDS } from '../../src/panel/constants';
import { DEFAULT_OPTIONS } from '../../src/panel/types';
import { DAY_MS, DEMO_DISK_HOSTS, demoLineProtocol, resolveDemoOptions } from '../support/demoData';
import { InfluxServer, startInfluxd } from '../support/influxd';
import { toFrameJSON } from '../support/hostPage/frameJSON';
import { DEFAULT_GRAFANA_LINE, e2eLines, GrafanaLine, lineVersions } from '../support/hostPage/grafanaLines';
import { queryPanelFrames } from '../support/hostPage/grafanaQuery';
import { HostPage, startHostPage } from '../support/hostPage/server';
import { LaunchedChromium, launchChromium } from './browser';
import { openHostPage } from './hostPageSession';

const ROOT = resolve(__dirname, '../..');
const SCREENSHOT = join(ROOT, 'docs/img/panel.png');
const DB = 'telegraf';
const PANEL_WIDTH = 760;
const PANEL_HEIGHT = 420;

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
      expect(load.errors).toEqual([]);
      expect(load.failedRequests).toEqual([]);
      expect(load.consoleErrors).toEqual([]);
      // The page ran the line's own React (18 on 12.4, 19 on 13), which the plugin got as a shared module.
      expect(load.reactVersion).toBe(lineVersions(ROOT, line).react);
      // The host passed DEFAULT_OPTIONS merged with the page's options.
      expect(await page.evaluate(() => window.__TRENDCAST_OPTIONS__?.[0])).toEqual({
        ...DEFAULT_OPTIONS,
        model: 'auto',
      });

      const panel = page.getByTestId(TEST_IDS.panel);
      await panel.waitFor({ state: 'visible' });
      await expect(panel.getByTestId(TEST_IDS.chart).count()).resolves.toBe(1);
      // Every frame of the query reached the panel: one drawn series per disk host.
      await expect(panel.getByTestId(TEST_IDS.series).count()).resolves.toBe(DEMO_DISK_HOSTS.length);
      // The default field config (thresholds 90 / 100 over a green base) went through applyFieldOverrides
      // with the standard registry: the panel draws the two non-base steps.
      await expect(panel.getByTestId(TEST_IDS.threshold).count()).resolves.toBe(2);
      const summary = (await panel.getByTestId(TEST_IDS.crossingSummary).textContent()) ?? '';
      for (const hostName of DEMO_DISK_HOSTS) {
        expect(summary).toContain(hostName);
      }
      // Every host gets a forecast line and a band; db1 (truth: 90% in 7 days, 100% in 12.6 days)
      // crosses both thresholds within the 14-day horizon, dated with its band's bracket.
      await expect(panel.getByTestId(TEST_IDS.forecastLine).count()).resolves.toBe(DEMO_DISK_HOSTS.length);
      await expect(panel.getByTestId(TEST_IDS.band).count()).resolves.toBe(DEMO_DISK_HOSTS.length);
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(2);
      expect(summary).toMatch(/host=db1 reaches 90% on \w{3} \d{1,2} \w{3}( \d{4})? \d{2}:\d{2} \(between .+ and .+\)/);
      expect(summary).toMatch(/host=db1 reaches 100% on /);
      expect(summary).toContain('host=cache1 does not reach 90%');
      const forecastPath = await panel.getByTestId(TEST_IDS.forecastLine).first().getAttribute('d');
      expect(forecastPath?.length ?? 0).toBeGreaterThan(20);

      // Toggle the forecast overlay off and on again from the panel itself (no edit mode).
      await panel.getByTestId(TEST_IDS.toggleForecast).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showForecast === false);
      await expect(panel.getByTestId(TEST_IDS.forecastLine).count()).resolves.toBe(0);
      await expect(panel.getByTestId(TEST_IDS.band).count()).resolves.toBe(0);
      await expect(panel.getByTestId(TEST_IDS.series).count()).resolves.toBe(DEMO_DISK_HOSTS.length);
      if (screenshots) {
        await page.getByTestId('host-panel').screenshot({ path: join(ROOT, 'docs/img/panel-forecast-off.png') });
      }
      await panel.getByTestId(TEST_IDS.toggleForecast).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showForecast === true);
      await expect(panel.getByTestId(TEST_IDS.forecastLine).count()).resolves.toBe(DEMO_DISK_HOSTS.length);

      // Crossings off: the markers and the dated sentences go, the forecast stays.
      await panel.getByTestId(TEST_IDS.toggleCrossings).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.showCrossings === false);
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(0);
      await expect(panel.getByTestId(TEST_IDS.crossingLine).count()).resolves.toBe(0);
      await panel.getByTestId(TEST_IDS.toggleCrossings).click();
      await expect(panel.getByTestId(TEST_IDS.crossingMarker).count()).resolves.toBe(2);
      // The host passed DEFAULT_OPTIONS merged with the page's options.

      if (screenshots) {
        mkdirSync(join(ROOT, 'docs/img'), { recursive: true });
        await page.getByTestId('host-panel').screenshot({ path: SCREENSHOT });
      }
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
      expect(load.errors).toEqual([]);

      await expect(page.getByTestId('host-panel').count()).resolves.toBe(2);
      const disk = page.getByTestId(TEST_IDS.panel).nth(0);
      const cpu = page.getByTestId(TEST_IDS.panel).nth(1);
      await expect(page.getByTestId(TEST_IDS.panel).count()).resolves.toBe(2);
      await expect(disk.getByTestId(TEST_IDS.series).count()).resolves.toBe(diskFrames.length);
      await expect(cpu.getByTestId(TEST_IDS.series).count()).resolves.toBe(cpuFrames.length);
      expect(await page.evaluate(() => window.__TRENDCAST_OPTIONS__?.map((o) => o.model))).toEqual([
        'auto',
        'seasonal',
      ]);

      // The panel's own band toggle goes through onOptionsChange; the host re-renders that panel only.
      await cpu.getByTestId(TEST_IDS.toggleBand).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[1]?.showBand === false);
      await expect(cpu.getByTestId(TEST_IDS.band).count()).resolves.toBe(0);
      expect(await page.evaluate(() => window.__TRENDCAST_OPTIONS__?.[0]?.showBand)).toBe(true);

      // The host's own option path (what an options editor would do) re-renders it too.
      await page.evaluate(() => window.__TRENDCAST_SET_OPTIONS__?.[1]({ showBand: true }));
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[1]?.showBand === true);
      await expect(cpu.getByTestId(TEST_IDS.band).count()).resolves.toBe(cpuFrames.length);
      // The CPU panel really used the seasonal model it was asked for.
      expect(await cpu.textContent()).toContain('model: seasonal');
      if (screenshots) {
        await page.screenshot({ path: join(ROOT, 'docs/img/capacity-planning.png'), fullPage: true });
      }
      expect(await page.evaluate(() => window.__TRENDCAST_ERRORS__ ?? [])).toEqual([]);
      await page.close();
    });
  });
});
