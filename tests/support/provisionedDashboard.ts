/**
 * The repository's provisioning (provisioning/datasources/*.yaml, provisioning/dashboards/
 * capacity-planning.json) as a host-page dashboard: what `docker compose up` shows in Grafana, run on
 * the host page by the e2e tests and by `npm run demo`.
 */
import { load } from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DAY_MS } from './demoData';
import type { DashboardPageSpec, DashboardPanelJSON, ProvisionedDataSourceJSON } from './hostPage/hostPageConfig';
import { findRepoRoot } from './hostPage/repoRoot';

const ROOT = findRepoRoot();

const readYaml = (path: string) => load(readFileSync(join(ROOT, path), 'utf8'));

/** Every provisioned data source (InfluxDB and the Trendcast data source wrapping it). */
export const provisionedDataSources: ProvisionedDataSourceJSON[] = readdirSync(join(ROOT, 'provisioning/datasources'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap(
    (f) => (readYaml(`provisioning/datasources/${f}`) as { datasources: ProvisionedDataSourceJSON[] }).datasources
  );

/** The provisioned "Capacity planning" dashboard. */
export const capacityDashboard = JSON.parse(
  readFileSync(join(ROOT, 'provisioning/dashboards/capacity-planning.json'), 'utf8')
) as { time: { from: string; to: string }; panels: DashboardPanelJSON[] };

/** The InfluxDB database the provisioned InfluxDB data source reads. */
export const provisionedInfluxDb = String(provisionedDataSources.find((d) => d.type === 'influxdb')?.jsonData?.dbName);

/** `now-30d` / `now+14d` → epoch ms, as Grafana resolves the dashboard's relative range. */
export function resolveRelative(text: string, now: number): number {
  const m = /^now(?:([+-])(\d+)d)?$/.exec(text);
  if (!m) {
    throw new Error(`unsupported range ${text}`);
  }
  return now + (m[1] === '-' ? -1 : 1) * Number(m[2] ?? 0) * DAY_MS;
}

/** The dashboard over its range resolved at `now`; `gridWidth` unset = the page's width. */
export function capacityDashboardSpec(now: number, gridWidth?: number): DashboardPageSpec {
  return {
    panels: capacityDashboard.panels,
    dataSources: provisionedDataSources,
    from: resolveRelative(capacityDashboard.time.from, now),
    to: resolveRelative(capacityDashboard.time.to, now),
    rawFrom: capacityDashboard.time.from,
    rawTo: capacityDashboard.time.to,
    gridWidth,
  };
}
