/**
 * `npm run demo` (via scripts/demo.sh): a local "Capacity planning" page with the built plugin.
 * Starts a throw-away influxd, writes 30 days of demo data ending now (disk per host, CPU per
 * host), and serves the host page; every page load queries InfluxDB again the way a Grafana
 * dashboard does ($timeFilter over the last 30 days, $__interval from the panel width) and renders
 * the disk panel (model auto, thresholds 90 / 100) and the CPU panel (model seasonal).
 * Port: $TRENDCAST_DEMO_PORT (default 3300). Runs until Ctrl-C, then stops influxd and cleans up.
 */
import '../tests/support/hostPage/nodeDomGlobals';

import { DAY_MS, demoLineProtocol, resolveDemoOptions } from '../tests/support/demoData';
import { InfluxServer, startInfluxd } from '../tests/support/influxd';
import { toFrameJSON } from '../tests/support/hostPage/frameJSON';
import { queryPanelFrames } from '../tests/support/hostPage/grafanaQuery';
import { DEFAULT_FIELD_CONFIG, FieldConfigJSON, PanelSpec } from '../tests/support/hostPage/hostPageConfig';
import { HostPage, startHostPage } from '../tests/support/hostPage/server';

const DB = 'telegraf';
const DAYS = 30;
const PANEL_WIDTH = 1100;
const PANEL_HEIGHT = 440;

/** Percent with the capacity thresholds: base green, 90 orange, 100 red (absolute). */
const PERCENT_THRESHOLDS: FieldConfigJSON = DEFAULT_FIELD_CONFIG;

/** The two panels, queried now: a dashboard with "Last 30 days" re-runs its queries on every load. */
async function capacityPanels(influx: InfluxServer): Promise<PanelSpec[]> {
  const to = Date.now();
  const from = to - DAYS * DAY_MS;
  const common = { db: DB, from, to, maxDataPoints: PANEL_WIDTH };
  const [disk, cpu] = await Promise.all([
    queryPanelFrames(influx, {
      ...common,
      query: { measurement: 'disk', field: 'used_percent', groupByTags: ['host'] },
    }),
    queryPanelFrames(influx, {
      ...common,
      query: { measurement: 'cpu', field: 'usage_percent', groupByTags: ['host'] },
    }),
  ]);
  const size = { width: PANEL_WIDTH, height: PANEL_HEIGHT, timeRange: { from, to } };
  return [
    {
      title: 'Disk used per host — forecast (auto)',
      frames: toFrameJSON(disk.frames),
      options: { model: 'auto' },
      fieldConfig: PERCENT_THRESHOLDS,
      ...size,
    },
    {
      title: 'CPU usage per host — forecast (seasonal)',
      frames: toFrameJSON(cpu.frames),
      options: { model: 'seasonal' },
      fieldConfig: PERCENT_THRESHOLDS,
      ...size,
    },
  ];
}

function parsePort(text: string | undefined): number {
  const port = Number(text ?? '3300');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`TRENDCAST_DEMO_PORT must be a port number, got ${JSON.stringify(text)}`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.env.TRENDCAST_DEMO_PORT);
  console.log('Starting influxd ...');
  const influx = await startInfluxd();
  let host: HostPage | undefined;
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`\n${signal}: stopping the demo ...`);
    await host?.stop();
    await influx.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await influx.createDatabase(DB);
    const demo = resolveDemoOptions({ end: Date.now(), days: DAYS });
    const chunks = demoLineProtocol({ end: demo.end, days: demo.days });
    for (const chunk of chunks) {
      await influx.write(DB, chunk, 's');
    }
    console.log(`Wrote ${DAYS} days of demo data (disk + cpu, 5-minute steps) to database "${DB}" at ${influx.url}`);
    host = await startHostPage({
      title: 'Capacity planning',
      timeZone: 'browser',
      columns: 1,
      port,
      panels: () => capacityPanels(influx),
    });
  } catch (err) {
    await host?.stop();
    await influx.stop();
    throw err;
  }
  console.log(`Trendcast demo: ${host.url}`);
  console.log('Press Ctrl-C to stop.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
