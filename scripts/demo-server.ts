/**
 * `npm run demo` (via scripts/demo.sh): a local "Capacity planning" page with the built plugins.
 * Starts a throw-away influxd, writes 30 days of demo data ending now (disk per host, CPU per
 * host), and serves the host page running the provisioned dashboard (provisioning/): every page load
 * queries InfluxDB through the provisioned data sources as Grafana does, and draws the Trendcast
 * panels (each with a model picker, LSTM included: its progress bar and Cancel appear in the panel)
 * and the data source's Stat, Time series and Table panels, laid out at the window's width.
 * Port: $TRENDCAST_DEMO_PORT (default 3300). Runs until Ctrl-C, then stops influxd and cleans up.
 */
import '../tests/support/hostPage/nodeDomGlobals';

import { demoLineProtocol, resolveDemoOptions } from '../tests/support/demoData';
import { startInfluxd } from '../tests/support/influxd';
import { HostPage, startHostPage } from '../tests/support/hostPage/server';
import { capacityDashboardSpec, provisionedInfluxDb } from '../tests/support/provisionedDashboard';

const DAYS = 30;

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
    await influx.createDatabase(provisionedInfluxDb);
    const demo = resolveDemoOptions({ end: Date.now(), days: DAYS });
    const chunks = demoLineProtocol({ end: demo.end, days: demo.days });
    for (const chunk of chunks) {
      await influx.write(provisionedInfluxDb, chunk, 's');
    }
    console.log(
      `Wrote ${DAYS} days of demo data (disk + cpu, 5-minute steps) to database "${provisionedInfluxDb}" at ${influx.url}`
    );
    host = await startHostPage({
      title: 'Capacity planning',
      timeZone: 'browser',
      port,
      panels: [],
      influxUrl: influx.url,
      // The provisioned dashboard, its range resolved on every page load; laid out at the window's width.
      dashboard: () => capacityDashboardSpec(Date.now()),
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
