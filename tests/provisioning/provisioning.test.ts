/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "umd", "default"]}
 */
// jsdom: @grafana/data (forecastNames' module) touches `window` on import.
/**
 * What Grafana would load from this repository, checked without Grafana: the provisioning YAML and
 * dashboard JSON parse; every panel type is a Grafana core panel or one of our plugins; every data
 * source a panel or query names is provisioned, with the type it is provisioned as; the Trendcast
 * queries are valid and the band overrides name the fields the data source returns; both plugin.json
 * files are valid against Grafana's plugin.json schema (draft-07, tests/fixtures/grafana).
 */
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { forecastNames } from '../../src/common/forecastFrames';
import { validateQuery } from '../../src/datasource/queryOptions';
import { TrendcastQuery, withQueryDefaults } from '../../src/datasource/types';
import { DEMO_DISK_HOSTS } from '../support/demoData';

const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readJson = <T>(path: string): T => JSON.parse(read(path)) as T;

/**
 * Panel types built into Grafana 12 (directories of grafana/grafana public/app/plugins/panel that
 * ship enabled), plus `row`, which dashboards use for collapsible rows.
 */
const CORE_PANEL_TYPES = [
  'alertlist',
  'annolist',
  'barchart',
  'bargauge',
  'candlestick',
  'canvas',
  'dashlist',
  'datagrid',
  'flamegraph',
  'gauge',
  'geomap',
  'gettingstarted',
  'heatmap',
  'histogram',
  'logs',
  'news',
  'nodeGraph',
  'piechart',
  'row',
  'stat',
  'state-timeline',
  'status-history',
  'table',
  'text',
  'timeseries',
  'traces',
  'trend',
  'welcome',
  'xychart',
];

interface PluginJson {
  id: string;
  type: string;
}
interface ProvisionedDataSource {
  name: string;
  uid: string;
  type: string;
  jsonData?: Record<string, unknown>;
}
interface DataSourceRef {
  type?: string;
  uid?: string;
}
interface Override {
  matcher: { id: string; options: string };
  properties: Array<{ id: string; value: unknown }>;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: DataSourceRef;
  targets?: Array<Record<string, unknown> & { refId: string; datasource?: DataSourceRef }>;
  panels?: Panel[];
  fieldConfig?: { overrides?: Override[] };
}
interface Dashboard {
  uid: string;
  title: string;
  time: { from: string; to: string };
  panels: Panel[];
}

const panelPlugin = readJson<PluginJson>('src/plugin.json');
const dataSourcePlugin = readJson<PluginJson>('src/datasource/plugin.json');
const OUR_PLUGIN_IDS = [panelPlugin.id, dataSourcePlugin.id];

const dataSourceFiles = readdirSync(join(ROOT, 'provisioning/datasources')).filter((f) => /\.ya?ml$/.test(f));
const provisioned: ProvisionedDataSource[] = dataSourceFiles.flatMap(
  (f) => (load(read(`provisioning/datasources/${f}`)) as { datasources: ProvisionedDataSource[] }).datasources
);
const dashboardFiles = readdirSync(join(ROOT, 'provisioning/dashboards')).filter((f) => f.endsWith('.json'));
const dashboards = dashboardFiles.map((f) => ({
  file: f,
  dashboard: readJson<Dashboard>(`provisioning/dashboards/${f}`),
}));
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

describe('provisioned data sources', () => {
  it('parse, with unique uids and a type Grafana or this repository provides', () => {
    expect(dataSourceFiles.sort()).toEqual(['influxdb.yaml', 'trendcast.yaml']);
    const uids = provisioned.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const ds of provisioned) {
      expect(['influxdb', dataSourcePlugin.id]).toContain(ds.type);
    }
  });

  it('wrap the provisioned InfluxDB data source', () => {
    const trendcast = provisioned.find((d) => d.type === dataSourcePlugin.id);
    expect(trendcast?.uid).toBe('trendcast-forecast');
    const inner = provisioned.find((d) => d.uid === trendcast?.jsonData?.innerUid);
    expect(inner?.type).toBe('influxdb');
  });
});

describe.each(dashboards)('dashboard $file', ({ dashboard }) => {
  const panels = allPanels(dashboard.panels);
  const byUid = new Map(provisioned.map((d) => [d.uid, d]));

  it('has only Grafana core panel types and our panel', () => {
    for (const p of panels) {
      expect([...CORE_PANEL_TYPES, panelPlugin.id]).toContain(p.type);
    }
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
  });

  it('names only provisioned data sources, with their provisioned type', () => {
    const refs = panels
      .flatMap((p) => [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)])
      .filter((r): r is DataSourceRef => r !== undefined);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const ds = byUid.get(ref.uid ?? '');
      expect(ds).toBeDefined();
      expect(ref.type).toBe(ds!.type);
    }
  });

  it('has valid Trendcast queries', () => {
    const targets = panels.flatMap((p) => (p.targets ?? []).filter((t) => t.datasource?.type === dataSourcePlugin.id));
    for (const t of targets) {
      expect(validateQuery(withQueryDefaults(t as Partial<TrendcastQuery> & { refId: string }))).toEqual([]);
    }
  });
});

describe('the Capacity planning dashboard', () => {
  const dashboard = dashboards.find((d) => d.file === 'capacity-planning.json')!.dashboard;
  const panels = allPanels(dashboard.panels);

  it('looks 14 days ahead so native panels show the forecast', () => {
    expect(dashboard.time).toEqual({ from: 'now-30d', to: 'now+14d' });
  });

  it('uses both plugins: Trendcast panels and native panels fed by the data source', () => {
    expect(panels.filter((p) => p.type === panelPlugin.id).map((p) => p.title)).toEqual([
      'Disk usage per host — forecast',
      'CPU usage per host — seasonal forecast',
    ]);
    const fromDataSource = panels.filter((p) => p.datasource?.type === dataSourcePlugin.id);
    expect(fromDataSource.map((p) => [p.type, p.title])).toEqual([
      ['stat', 'Disk reaches 90% on'],
      ['stat', 'Disk reaches 100% on'],
      ['timeseries', 'Disk usage per host — forecast from the Trendcast data source'],
      ['table', 'Hosts by time left to 90% (60-day horizon)'],
    ]);
  });

  it("fills each host's band from the upper to the lower field the data source names", () => {
    const ts = panels.find((p) => p.type === 'timeseries' && p.datasource?.type === dataSourcePlugin.id)!;
    const fills = (ts.fieldConfig?.overrides ?? []).flatMap((o) =>
      o.properties.filter((prop) => prop.id === 'custom.fillBelowTo').map((prop) => [o.matcher.options, prop.value])
    );
    const expected = [...DEMO_DISK_HOSTS].map((h) => {
      const names = forecastNames(`host=${h}`);
      return [names.upper, names.lower];
    });
    expect(fills.sort()).toEqual(expected.sort());
  });
});

describe('docker-compose.yml', () => {
  interface Service {
    image: string;
    environment?: Record<string, string>;
    volumes?: string[];
    command?: string[];
    depends_on?: Record<string, { condition: string }>;
  }
  const compose = load(read('docker-compose.yml')) as { services: Record<string, Service> };
  const grafana = compose.services.grafana;

  it('allows both unsigned plugins and mounts each plugin folder of dist/ and provisioning/', () => {
    const allowed = grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',') ?? [];
    expect(allowed.sort()).toEqual([...OUR_PLUGIN_IDS].sort());
    expect(grafana.volumes).toEqual(
      expect.arrayContaining([
        ...OUR_PLUGIN_IDS.map((id) => `./dist/${id}:/var/lib/grafana/plugins/${id}:ro`),
        './provisioning:/etc/grafana/provisioning:ro',
      ])
    );
    // A pinned default, overridable to try the other tested line: GRAFANA_VERSION=13.2.2.
    expect(grafana.image).toMatch(/^grafana\/grafana:\$\{GRAFANA_VERSION:-\d+\.\d+\.\d+\}$/);
  });

  describe('check-dist: `docker compose up` before `npm run build` stops with a hint', () => {
    const guard = compose.services['check-dist'];
    // What the container runs: compose turns `$$` into `$` (the script has no compose variables).
    const script = (guard?.command?.[2] ?? '').replace(/\$\$/g, '$');
    const runGuard = (dist: string) =>
      spawnSync('sh', ['-c', script], { env: { ...process.env, DIST: dist }, encoding: 'utf8' });
    let dist = '';

    beforeEach(() => {
      dist = mkdtempSync(join(tmpdir(), 'trendcast-dist-'));
    });
    afterEach(() => rmSync(dist, { recursive: true, force: true }));

    it('is a one-shot shell check of the mounted dist/ that Grafana waits for', () => {
      expect(guard.image).toMatch(/^busybox:\d+/);
      expect(guard.volumes).toEqual(['./dist:/dist:ro']);
      expect(guard.environment?.DIST).toBe('/dist');
      expect(guard.command?.slice(0, 2)).toEqual(['sh', '-c']);
      expect(guard.command?.[2]).not.toMatch(/(^|[^$])\$(?!\$)/);
      expect(grafana.depends_on?.['check-dist']).toEqual({ condition: 'service_completed_successfully' });
    });

    it('fails with "npm ci && npm run build" when dist/ is empty or has one plugin only', () => {
      const empty = runGuard(dist);
      expect(empty.status).toBe(1);
      expect(empty.stderr).toContain('dist/trendcast-forecast-panel/plugin.json not found');
      expect(empty.stderr).toContain('npm ci && npm run build');

      mkdirSync(join(dist, 'trendcast-forecast-panel'));
      writeFileSync(join(dist, 'trendcast-forecast-panel/plugin.json'), '{}');
      const half = runGuard(dist);
      expect(half.status).toBe(1);
      expect(half.stderr).toContain('dist/trendcast-forecast-datasource/plugin.json not found');
    });

    it('passes once both plugins are built', () => {
      for (const id of OUR_PLUGIN_IDS) {
        mkdirSync(join(dist, id));
        writeFileSync(join(dist, id, 'plugin.json'), '{}');
      }
      const built = runGuard(dist);
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);
    });
  });
});

describe("plugin.json files against Grafana's plugin.json schema", () => {
  // Draft-07 schema: ajv 8's default class. `strict: false` because Grafana's schema uses
  // `additionalItems` next to a non-array `items`, which strict mode rejects; `unicodeRegExp: false`
  // because its patterns escape `-` (`\-`), an error in the `u` regular expressions ajv 8 builds.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  const validate = ajv.compile(readJson<object>('tests/fixtures/grafana/plugin.schema.json'));

  it.each(['src/plugin.json', 'src/datasource/plugin.json'])('%s is valid', (path) => {
    const ok = validate(readJson<object>(path));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a plugin.json without grafanaDependency (the schema is really applied)', () => {
    const broken = {
      ...readJson<Record<string, unknown>>('src/datasource/plugin.json'),
      dependencies: { plugins: [] },
    };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.message)).toContain("must have required property 'grafanaDependency'");
  });

  it('gives each plugin its own id and type', () => {
    expect([panelPlugin.type, dataSourcePlugin.type]).toEqual(['panel', 'datasource']);
    expect(dataSourcePlugin.id).toBe('trendcast-forecast-datasource');
  });
});

describe('provisioned alert rules', () => {
  interface AlertQuery {
    refId: string;
    datasourceUid: string;
    relativeTimeRange?: { from: number; to: number };
    model: {
      refId: string;
      query?: string;
      type?: string;
      expression?: string;
      conditions?: Array<{ evaluator: { type: string; params: number[] } }>;
    };
  }
  interface AlertRule {
    uid: string;
    title: string;
    condition: string;
    data: AlertQuery[];
    noDataState: string;
    execErrState: string;
    for: string;
  }
  interface AlertFile {
    apiVersion: number;
    groups: Array<{ orgId: number; name: string; folder: string; interval: string; rules: AlertRule[] }>;
  }
  const alertFiles = readdirSync(join(ROOT, 'provisioning/alerting')).filter((f) => /\.ya?ml$/.test(f));
  const groups = alertFiles.flatMap((f) => (load(read(`provisioning/alerting/${f}`)) as AlertFile).groups);
  const rules = groups.flatMap((g) => g.rules);

  it('parse in the file provisioning format, each rule with its condition among its queries', () => {
    expect(alertFiles).toEqual(['trendcast-capacity.yaml']);
    expect((load(read('provisioning/alerting/trendcast-capacity.yaml')) as AlertFile).apiVersion).toBe(1);
    for (const g of groups) {
      expect(g).toMatchObject({ orgId: 1, name: expect.any(String), folder: expect.any(String) });
      expect(g.interval).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((r) => r.uid)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.data.map((d) => d.refId)).toContain(r.condition);
      expect(['OK', 'NoData', 'Alerting', 'KeepLast']).toContain(r.noDataState);
      expect(['OK', 'Error', 'Alerting', 'KeepLast']).toContain(r.execErrState);
      for (const d of r.data) {
        expect(d.model.refId).toBe(d.refId);
        if (d.datasourceUid === '__expr__') {
          // Server-side expressions read queries of the same rule.
          expect(r.data.map((x) => x.refId)).toContain(d.model.expression);
        } else {
          expect(provisioned.map((p) => p.uid)).toContain(d.datasourceUid);
          expect(d.relativeTimeRange!.from).toBeGreaterThan(d.relativeTimeRange!.to);
        }
      }
    }
  });

  it('alert when a disk reaches 90% within 7 days, from trendcast_crossing through the InfluxDB data source', () => {
    const rule = rules.find((r) => r.title === 'Disk reaches 90% within 7 days')!;
    const query = rule.data.find((d) => d.datasourceUid !== '__expr__')!;
    expect(provisioned.find((p) => p.uid === query.datasourceUid)).toMatchObject({
      uid: 'trendcast-influxdb',
      type: 'influxdb',
    });
    expect(query.model.query).toMatch(/FROM "trendcast_crossing"/);
    expect(query.model.query).toMatch(/"threshold" = '90'/);
    expect(query.model.query).toMatch(/"time_left_s"/);
    expect(query.model.query).toMatch(/\$timeFilter/);
    const condition = rule.data.find((d) => d.refId === rule.condition)!;
    expect(condition.model.type).toBe('threshold');
    expect(condition.model.conditions![0].evaluator).toEqual({ type: 'lt', params: [604800] });
  });
});

describe('the Capacity planning dashboard and `trendcast run`', () => {
  const dashboard = dashboards.find((d) => d.file === 'capacity-planning.json')!.dashboard;
  const panels = allPanels(dashboard.panels);

  it('reads the measurements the service writes through the InfluxDB data source', () => {
    const queries = panels.flatMap((p) =>
      (p.targets ?? [])
        .filter((t) => p.datasource?.uid === 'trendcast-influxdb' && typeof t.query === 'string')
        .map((t) => [p.type, t.query as string])
    );
    const reading = (m: string) => queries.filter(([, q]) => q.includes(`FROM "${m}"`)).map(([type]) => type);
    expect(reading('trendcast_crossing')).toEqual(['table']);
    expect(reading('trendcast_forecast')).toEqual(['timeseries']);
  });
});
