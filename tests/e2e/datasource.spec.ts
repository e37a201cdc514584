/**
 * End to end: the provisioned "Capacity planning" dashboard in headless Chromium, run as Grafana
 * runs it. The provisioned data sources are registered in @grafana/runtime: InfluxDB (the page's
 * data source, proxied to a real influxd loaded with 30 days of demo data ending now) and Trendcast's
 * data source built from dist/trendcast-forecast-datasource/module.js, loaded through SystemJS and constructed from
 * provisioning/datasources/trendcast.yaml. Every panel is queried through its data source over the
 * dashboard's range now-30d..now+14d; the Trendcast panels are drawn by
 * dist/trendcast-forecast-panel/module.js, the core panels by @grafana/ui's components. Runs on each
 * Grafana line (grafanaLines.ts: 12.4 with React 18, 13 with React 19). Saves
 * docs/img/datasource-dashboard.png (from the 12.4 line).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { join, resolve } from 'node:path';

import { TEST_IDS } from '../../src/panel/constants';
import {
  DAY_MS,
  DEMO_CPU_HOSTS,
  DEMO_DISK_HOSTS,
  demoLineProtocol,
  demoTruth,
  resolveDemoOptions,
} from '../support/demoData';
import { InfluxServer, startInfluxd } from '../support/influxd';
import {
  capacityDashboard as dashboard,
  capacityDashboardSpec,
  provisionedDataSources,
  provisionedInfluxDb,
} from '../support/provisionedDashboard';
import { DEFAULT_GRAFANA_LINE, e2eLines, GrafanaLine, lineVersions } from '../support/hostPage/grafanaLines';
import type { DashboardPanelJSON } from '../support/hostPage/hostPageConfig';
import { HostPage, startHostPage } from '../support/hostPage/server';
import { LaunchedChromium, launchChromium } from './browser';
import { expectCleanLoad, openHostPage } from './hostPageSession';

const ROOT = resolve(__dirname, '../..');
const SCREENSHOT = join(ROOT, 'docs/img/datasource-dashboard.png');
const GRID_WIDTH = 1600;

/** "Sat 7 Dec" for epoch ms in UTC (the dashboard's time zone), as the Stat's unit prints the day. */
function utcDay(ms: number): string {
  const d = new Date(ms);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${weekday} ${d.getUTCDate()} ${month}`;
}

describe('provisioned Capacity planning dashboard through the Trendcast data source', () => {
  let influx: InfluxServer | undefined;
  let browser: LaunchedChromium | undefined;
  let host: HostPage | undefined;
  const now = Date.now();
  const demo = resolveDemoOptions({ end: now, days: 30 });

  beforeAll(async () => {
    const db = provisionedInfluxDb;
    influx = await startInfluxd();
    await influx.createDatabase(db);
    for (const chunk of demoLineProtocol({ end: demo.end, days: demo.days })) {
      await influx.write(db, chunk, 's');
    }
    browser = await launchChromium({ viewport: { width: GRID_WIDTH + 40, height: 1700 } });
  });

  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await influx?.stop();
  });

  /** The provisioned Capacity planning dashboard on `line`, laid out `gridWidth` wide (else the window's). */
  const startCapacityPage = (line: GrafanaLine, gridWidth?: number) =>
    startHostPage({
      line,
      title: 'Capacity planning',
      timeZone: 'UTC',
      panels: [],
      influxUrl: influx!.url,
      dashboard: capacityDashboardSpec(now, gridWidth),
    });

  describe.each(e2eLines())('on the Grafana %s line', (line: GrafanaLine) => {
    /** The screenshots in docs/ come from one line, so that a run does not overwrite them twice. */
    const screenshots = line === DEFAULT_GRAFANA_LINE;

    test('runs every panel through its data source and draws the forecasts, dates and table', async () => {
      host = await startCapacityPage(line, GRID_WIDTH);
      const page = await browser!.newPage();
      const load = await openHostPage(page, host.url, 90_000);
      expectCleanLoad(load, lineVersions(ROOT, line).react);

      // Every provisioned panel is on the page.
      await expect(page.getByTestId('dashboard-panel').count()).resolves.toBe(dashboard.panels.length);

      // The Trendcast panels (dist/trendcast-forecast-panel/module.js), fed by the InfluxDB data source: one series per host.
      const trendcast = page.getByTestId(TEST_IDS.panel);
      await expect(trendcast.count()).resolves.toBe(2);
      const legendItems = '[data-testid^="data-testid VizLegend series "]';
      await expect(trendcast.nth(0).locator(legendItems).count()).resolves.toBe(DEMO_DISK_HOSTS.length);
      await expect(trendcast.nth(1).locator(legendItems).count()).resolves.toBe(DEMO_CPU_HOSTS.length);

      // The data source's frames for the Time series panel: the InfluxDB series plus a forecast per host.
      const data = await page.evaluate(() => window.__TRENDCAST_DASHBOARD_DATA__ ?? {});
      const tsId = dashboard.panels.find(
        (p) => p.type === 'timeseries' && p.datasource?.type === 'trendcast-forecast-datasource'
      )!.id;
      const names = data[tsId].frames.map((f) => f.name);
      for (const h of DEMO_DISK_HOSTS) {
        expect(names).toContain(`disk.mean { host: ${h} }`);
        expect(names).toContain(`host=${h} forecast`);
      }
      // Grafana's own time series component drew it, band legend entries hidden.
      const ts = page.locator(`[data-panel-id="${tsId}"]`);
      await expect(ts.locator('canvas').count()).resolves.toBeGreaterThan(0);
      const legend = (await ts.textContent()) ?? '';
      expect(legend).toContain('host=db1 forecast');
      expect(legend).not.toContain('host=db1 upper');

      // "Disk reaches 90% on": db1's crossing day, within a day of the demo's true fill date.
      const truth = demoTruth({ end: demo.end, days: demo.days }).disk.find((d) => d.host === 'db1')!;
      const db1 = page.locator('[data-panel-id="4"] [data-testid="stat-value"][data-title="db1"]');
      await expect(db1.count()).resolves.toBe(1);
      const text = (await db1.getAttribute('data-text')) ?? '';
      const accepted = [-DAY_MS, 0, DAY_MS].map((d) => utcDay(truth.reach90! + d));
      expect(accepted.some((day) => text.startsWith(day))).toBe(true);

      // The table of hosts by time left (60-day horizon): db1 (about 7 days) before web1 (about 31).
      const tableData = data[7].frames[0];
      expect(tableData.fields.find((f) => f.name === 'host')?.values).toEqual(['db1', 'web1']);
      await expect(page.locator('[data-panel-id="7"]').getByText('db1').count()).resolves.toBeGreaterThan(0);

      // One colour per host in every panel: the Trendcast panel's legend entry for db1 has the colour
      // of db1 in the data source's Time series panel (the dashboard's colour override by series).
      const swatch = (panel: string, name: string) =>
        page
          .locator(`${panel} [data-testid="data-testid VizLegend series ${name}"] [data-testid="series-icon"]`)
          .evaluate((el) => getComputedStyle(el).backgroundColor);
      const trendcastDb1 = await swatch('[data-panel-id="1"]', 'host=db1');
      expect(trendcastDb1).toBe(await swatch(`[data-panel-id="${tsId}"]`, 'disk.mean { host: db1 }'));
      expect(trendcastDb1).not.toBe(await swatch('[data-panel-id="1"]', 'host=web1'));

      // Nothing runs past its frame: no panel overflows, no table cell or Stat value is cut.
      expect(await clippedElements(page)).toEqual([]);

      mkdirSync(join(ROOT, 'docs/img'), { recursive: true });
      if (screenshots) {
        await page.getByTestId('dashboard').screenshot({ path: SCREENSHOT });
      }
      await page.close();
    });

    test('lays out at the window width, one column on a narrow page; the model picker changes the model', async () => {
      await host?.stop();
      host = await startCapacityPage(line);
      const page = await browser!.newPage();
      await page.setViewportSize({ width: 760, height: 1400 });
      const load = await openHostPage(page, host.url, 90_000);
      expect(load.reactVersion).toBe(lineVersions(ROOT, line).react);
      expect(load.errors).toEqual([]);
      const boxes = await page
        .getByTestId('dashboard-panel')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      expect(boxes).toHaveLength(dashboard.panels.length);
      for (const b of boxes) {
        // Full width of the 760 px page (8 px page padding each side, a panel's 4 px margin inside it).
        expect(b.left).toBeGreaterThanOrEqual(8);
        expect(b.left).toBeLessThanOrEqual(12);
        expect(b.right).toBeGreaterThanOrEqual(748);
        expect(b.right).toBeLessThanOrEqual(752);
      }
      expect(await clippedElements(page)).toEqual([]);

      // The demo's model picker on the first Trendcast panel: Linear, and the panel says so.
      const disk = page.getByTestId(TEST_IDS.panel).first();
      await expect(disk.textContent()).resolves.toContain('model: last-trend');
      await page.getByTestId('host-model-picker').first().click();
      await page.getByText('Linear', { exact: true }).click();
      await page.waitForFunction(() => window.__TRENDCAST_OPTIONS__?.[0]?.model === 'linear');
      await expect(disk.textContent()).resolves.toContain('model: linear');
      await page.close();
    });

    test('answers an LSTM query with the lazy LSTM chunk and training worker from its own folder', async () => {
      // The Time series panel's query with model LSTM, one quick training per host, over the last 7 days.
      const template = dashboard.panels.find(
        (p) => p.type === 'timeseries' && p.datasource?.type === 'trendcast-forecast-datasource'
      )!;
      const panel: DashboardPanelJSON = {
        ...template,
        id: 100,
        title: 'Disk usage per host — LSTM forecast from the Trendcast data source',
        targets: (template.targets ?? []).map((t) => ({
          ...t,
          model: 'lstm',
          horizon: '1d',
          includeOriginal: false,
          includeForecast: true,
          includeCrossings: false,
          lstmEpochs: 1,
          lstmFineTuneEpochs: 0,
        })),
      };
      host = await startHostPage({
        line,
        timeZone: 'UTC',
        panels: [],
        influxUrl: influx!.url,
        dashboard: {
          panels: [panel],
          dataSources: provisionedDataSources,
          from: now - 7 * DAY_MS,
          to: now + DAY_MS,
          rawFrom: 'now-7d',
          rawTo: 'now+1d',
          gridWidth: GRID_WIDTH,
        },
      });
      const page = await browser!.newPage();
      const requested: string[] = [];
      page.on('requestfinished', (r) => requested.push(new URL(r.url()).pathname));
      const load = await openHostPage(page, host.url, 90_000);
      // A chunk or worker looked up under another folder would be a failed request here.
      expectCleanLoad(load, lineVersions(ROOT, line).react);
      const folder = '/public/plugins/trendcast-forecast-datasource/';
      const fetched = (file: RegExp) =>
        requested.filter((r) => r.startsWith(folder) && file.test(r.slice(folder.length)));
      expect(fetched(/^lstm-client\.\w+\.js$/)).toHaveLength(1);
      // The worker script once per training worker: one per core (at most 4), no more than the hosts.
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const workers = fetched(/^lstm-worker\.\w+\.js$/).length;
      expect(workers).toBeGreaterThanOrEqual(1);
      expect(workers).toBeLessThanOrEqual(Math.max(1, Math.min(4, cores, DEMO_DISK_HOSTS.length)));
      // The default one-step networks train in plain TypeScript: tfjs and its wasm are not fetched.
      expect(fetched(/\.wasm$/)).toEqual([]);
      // One LSTM forecast per host, from the last observation to the horizon a day later.
      const data = await page.evaluate(() => window.__TRENDCAST_DASHBOARD_DATA__ ?? {});
      const forecasts = data[panel.id].frames.filter((f) => f.name.endsWith(' forecast'));
      expect(forecasts.map((f) => f.name).sort()).toEqual(DEMO_DISK_HOSTS.map((h) => `host=${h} forecast`).sort());
      for (const f of forecasts) {
        const time = f.fields.find((x) => x.name === 'Time')!.values as number[];
        const value = f.fields.find((x) => x.name === 'value')!.values;
        expect(value.length).toBeGreaterThan(2);
        expect(value.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
        expect(Math.abs(time[time.length - 1] - time[0] - DAY_MS)).toBeLessThanOrEqual(time[1] - time[0]);
      }
      await page.close();
    });
  });
});

/**
 * Elements whose content is cut by their own box: dashboard panels wider than their frame, table
 * cells and Stat values whose text does not fit. Returned as short descriptions.
 */
async function clippedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const selectors = [
      '[data-testid="dashboard-panel"]',
      '[role="cell"]',
      '[role="gridcell"]',
      '[data-testid="stat-value"]',
    ];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selectors.join(',')))) {
      if (el.scrollWidth > el.clientWidth + 1) {
        out.push(
          `${el.getAttribute('data-testid') ?? el.getAttribute('role')}: "${(el.textContent ?? '').slice(0, 40)}" ${el.scrollWidth} > ${el.clientWidth}`
        );
      }
    }
    return out;
  });
}
