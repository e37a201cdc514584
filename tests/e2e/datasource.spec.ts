/**
 * End to end: the provisioned "Capacity planning" dashboard in headless Chromium, run as Grafana
 * runs it. The provisioned data sources are registered in @grafana/runtime: InfluxDB (the page's
 * data source, proxied to a real influxd loaded with 30 days of demo data ending now) and Trendcast's
 * data source built from dist/trendcast-forecast-datasource/module.js, loaded through SystemJS and constructed from
 * provisioning/datasources/trendcast.yaml. Every panel is queried through its data source over the
 * dashboard's range now-30d..now+14d; the Trendcast panels are drawn by dist/trendcast-forecast-panel/module.js, the core
 * panels by @grafana/ui's components. Runs on each Grafana line (grafanaLines.ts: 12.4 with React 18,
 * 13 with React 19). Saves docs/img/datasource-dashboard.png (from the 12.4 line).
 */
import { load } from 'js-yaml';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
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
import { DEFAULT_GRAFANA_LINE, e2eLines, GrafanaLine, lineVersions } from '../support/hostPage/grafanaLines';
import type { DashboardPanelJSON, ProvisionedDataSourceJSON } from '../support/hostPage/hostPageConfig';
import { HostPage, startHostPage } from '../support/hostPage/server';
import { LaunchedChromium, launchChromium } from './browser';
import { openHostPage } from './hostPageSession';

const ROOT = resolve(__dirname, '../..');
const SCREENSHOT = join(ROOT, 'docs/img/datasource-dashboard.png');
const GRID_WIDTH = 1600;

const readYaml = (path: string) => load(readFileSync(join(ROOT, path), 'utf8'));
const provisioned: ProvisionedDataSourceJSON[] = readdirSync(join(ROOT, 'provisioning/datasources'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap(
    (f) => (readYaml(`provisioning/datasources/${f}`) as { datasources: ProvisionedDataSourceJSON[] }).datasources
  );
const dashboard = JSON.parse(readFileSync(join(ROOT, 'provisioning/dashboards/capacity-planning.json'), 'utf8')) as {
  time: { from: string; to: string };
  panels: DashboardPanelJSON[];
};

/** `now-30d` / `now+14d` → epoch ms, as Grafana resolves the dashboard's relative range. */
function resolveRelative(text: string, now: number): number {
  const m = /^now(?:([+-])(\d+)d)?$/.exec(text);
  if (!m) {
    throw new Error(`unsupported range ${text}`);
  }
  return now + (m[1] === '-' ? -1 : 1) * Number(m[2] ?? 0) * DAY_MS;
}

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
    const db = String(provisioned.find((d) => d.type === 'influxdb')?.jsonData?.dbName);
    influx = await startInfluxd();
    await influx.createDatabase(db);
    for (const chunk of demoLineProtocol({ end: demo.end, days: demo.days })) {
      await influx.write(db, chunk, 's');
    }
    browser = await launchChromium({ viewport: { width: GRID_WIDTH + 40, height: 1700 } });
  });

  afterAll(async () => {
    await browser?.close();
    await influx?.stop();
  });

  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  describe.each(e2eLines())('on the Grafana %s line', (line: GrafanaLine) => {
    test('runs every panel through its data source and draws the forecasts, dates and table', async () => {
      host = await startHostPage({
        line,
        title: 'Capacity planning',
        timeZone: 'UTC',
        panels: [],
        influxUrl: influx!.url,
        dashboard: {
          panels: dashboard.panels,
          dataSources: provisioned,
          from: resolveRelative(dashboard.time.from, now),
          to: resolveRelative(dashboard.time.to, now),
          rawFrom: dashboard.time.from,
          rawTo: dashboard.time.to,
          gridWidth: GRID_WIDTH,
        },
      });
      const page = await browser!.newPage();
      const load = await openHostPage(page, host.url, 90_000);
      expect(load.errors).toEqual([]);
      expect(load.failedRequests).toEqual([]);
      expect(load.consoleErrors).toEqual([]);
      expect(load.reactVersion).toBe(lineVersions(ROOT, line).react);

      // Every provisioned panel is on the page.
      await expect(page.getByTestId('dashboard-panel').count()).resolves.toBe(dashboard.panels.length);

      // The Trendcast panels (dist/trendcast-forecast-panel/module.js), fed by the InfluxDB data source: one series per host.
      const trendcast = page.getByTestId(TEST_IDS.panel);
      await expect(trendcast.count()).resolves.toBe(2);
      await expect(trendcast.nth(0).getByTestId(TEST_IDS.series).count()).resolves.toBe(DEMO_DISK_HOSTS.length);
      await expect(trendcast.nth(1).getByTestId(TEST_IDS.series).count()).resolves.toBe(DEMO_CPU_HOSTS.length);

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

      if (line === DEFAULT_GRAFANA_LINE) {
        mkdirSync(join(ROOT, 'docs/img'), { recursive: true });
        await page.getByTestId('dashboard').screenshot({ path: SCREENSHOT });
      }
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
          dataSources: provisioned,
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
      expect(load.errors).toEqual([]);
      // A chunk, worker or wasm file looked up under another folder would be a failed request here.
      expect(load.failedRequests).toEqual([]);
      expect(load.consoleErrors).toEqual([]);
      expect(load.reactVersion).toBe(lineVersions(ROOT, line).react);
      const folder = '/public/plugins/trendcast-forecast-datasource/';
      for (const lazy of [/^lstm-client\.\w+\.js$/, /^lstm-worker\.\w+\.js$/, /^tfjs-backend-wasm.*\.wasm$/]) {
        expect(requested.filter((r) => r.startsWith(folder) && lazy.test(r.slice(folder.length)))).toHaveLength(1);
      }
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
