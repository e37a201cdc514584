/**
 * A real influxd loaded with Trendcast's demo data, for integration tests: start it, write the
 * generated line protocol to database `trendcast`, and query it the way a Grafana panel would,
 * getting Grafana-shaped frames back next to the generator's ground truth.
 *
 * Test files that use this need `@jest-environment jsdom`: @grafana/data touches `window` on import.
 */
import type { DataFrame } from '@grafana/data';

import {
  DemoOptions,
  DemoSeries,
  DemoTruth,
  demoLineProtocol,
  demoSeries,
  demoTruth,
  ResolvedDemoOptions,
} from '../support/demoData';
import { InfluxServer, startInfluxd } from '../support/influxd';
import { influxResponseToFrames, interpolateGrafanaInfluxQuery } from '../support/influxFrames';

export const DEMO_DB = 'trendcast';

export interface DemoFramesRange {
  /** Epoch ms, inclusive (default: the demo window's start). */
  from?: number;
  /** Epoch ms, inclusive (default: the demo window's end). */
  to?: number;
  /** `$__interval` text (default `1h`). */
  interval?: string;
}

export interface DemoInflux {
  server: InfluxServer;
  db: string;
  options: ResolvedDemoOptions;
  truth: DemoTruth;
  /** The exact points written (per measurement and host). */
  series: DemoSeries[];
  /**
   * Runs a Grafana-style InfluxQL query (macros `$timeFilter`, `$__interval` allowed) over the demo
   * window (or `range`) and returns Grafana-shaped frames.
   */
  frames(influxql: string, range?: DemoFramesRange): Promise<DataFrame[]>;
  stop(): Promise<void>;
}

/**
 * Starts influxd, creates `trendcast` (or `opts.db`) and writes the demo data for `opts` (default:
 * 30 days ending now, rounded down to the hour). Returns the server, the truth and a frames helper.
 * Call stop() in afterAll.
 */
export async function withDemoInflux(opts: DemoOptions & { db?: string; log?: boolean } = {}): Promise<DemoInflux> {
  const truth = demoTruth(opts);
  const options = truth.options;
  const db = opts.db ?? DEMO_DB;
  const server = await startInfluxd({ log: opts.log });
  try {
    await server.createDatabase(db);
    for (const chunk of demoLineProtocol(options)) {
      await server.write(db, chunk, 's');
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    server,
    db,
    options,
    truth,
    series: demoSeries(options),
    async frames(influxql: string, range: DemoFramesRange = {}): Promise<DataFrame[]> {
      const text = interpolateGrafanaInfluxQuery(influxql, {
        from: range.from ?? options.start,
        to: range.to ?? options.end,
        interval: range.interval ?? '1h',
      });
      const resp = await server.query(db, text, { epoch: 'ms' });
      return influxResponseToFrames(resp, { executedQueryString: text });
    },
    stop: () => server.stop(),
  };
}
