/**
 * Speed benchmark of the forecast path (`npm run bench:speed`).
 *
 * Times forecastFitted (prepare → fit → 48-step forecast with its 95% band → crossings of 90 and
 * 100) over (a) 500 series × 2,000 points and (b) one series of 1,000,000 points, beside a bare
 * single pass over the same numbers (one loop summing times and values: the floor any forecast pays
 * to read its input). Peak memory is measured in a fresh child process per workload. Then the
 * linear path is split into its stages, to show where the time goes.
 *
 * Options: --models linear,last-trend   models to time (default linear)
 *          --repeats 7 --warmup 5        timed repeats (median and min reported) and untimed warm-ups
 *          --probe DATASET:METHOD        internal: the child-process memory probe
 */
import { spawnSync } from 'node:child_process';
import { findCrossings } from '../src/engine/crossings';
import { linearFitIndexed } from '../src/engine/linearFit';
import { prepareSeries } from '../src/engine/prepareSeries';
import { Forecast, RawSeries, RegularSeries } from '../src/engine/types';
import { ResolvedForecastOptions, validForecastOptions } from '../src/models/forecastOptions';
import { forecastFitted } from '../src/models/forecastSeries';
import { linearModel } from '../src/models/linear';
import { FittedModel, isProblem, MODEL_CHOICES, ModelChoice } from '../src/models/types';
import { benchListOption, benchOption } from './support/args';
import { fmt, markdownTable } from './support/markdownTable';
import { benchRandom } from './support/random';
import { collectGarbage, timeRepeated, Timing } from './support/timing';

const STEP_MS = 300_000;
const T0 = Date.UTC(2024, 0, 1);
const HORIZON_STEPS = 48;
const THRESHOLDS = [90, 100];

/** Plain arrays, as data frames and the CSV reader hand them to the engine. */
interface BenchSeries extends RawSeries {
  times: number[];
  values: number[];
}

interface Dataset {
  key: string;
  label: string;
  series: BenchSeries[];
  points: number;
}

/** A disk-like series: 5-minute steps, a level between 20% and 60% growing 0–30 points over the span, noise. */
function diskSeries(n: number, seed: number): BenchSeries {
  const rnd = benchRandom(seed);
  const level = rnd.between(20, 60);
  const rise = rnd.between(0, 30) / n;
  const sd = rnd.between(0.1, 2);
  // fill(0) first: `new Array(n)` beyond 100k elements starts in V8's slow dictionary mode.
  const times = new Array<number>(n).fill(0);
  const values = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    times[i] = T0 + i * STEP_MS;
    values[i] = level + rise * i + rnd.normal(sd);
  }
  return { name: `vol=${seed}`, labels: { vol: String(seed) }, times, values };
}

function makeDataset(key: string): Dataset {
  if (key === 'many') {
    const series = Array.from({ length: 500 }, (_x, i) => diskSeries(2_000, 1 + i));
    return { key, label: '(a) 500 series × 2,000 points', series, points: 1_000_000 };
  }
  return { key, label: '(b) 1 series × 1,000,000 points', series: [diskSeries(1_000_000, 7)], points: 1_000_000 };
}

/** The floor: read every time and value once. */
function barePass(ds: Dataset): number {
  let s = 0;
  for (const r of ds.series) {
    const t = r.times;
    const v = r.values;
    for (let i = 0; i < t.length; i++) {
      s += t[i] + v[i];
    }
  }
  return s;
}

function request(model: ModelChoice): ResolvedForecastOptions {
  return validForecastOptions({ model, horizon: String(HORIZON_STEPS), thresholds: THRESHOLDS });
}

/** forecastFitted over every series; returns a checksum of the crossings so nothing is dead code. */
function forecastAll(ds: Dataset, model: ModelChoice): number {
  const req = request(model);
  let s = 0;
  for (const r of ds.series) {
    const f = forecastFitted(r, req);
    if (f.problem) {
      throw new Error(`${r.name}: ${f.problem.message}`);
    }
    s += f.forecast!.point[HORIZON_STEPS - 1] + f.crossings.length;
  }
  return s;
}

function methodWork(ds: Dataset, method: string): () => number {
  return method === 'bare' ? () => barePass(ds) : () => forecastAll(ds, method as ModelChoice);
}

let sinkValue = 0;
const sink = (x: number) => {
  sinkValue += Number.isFinite(x) ? 1 : 0;
};

interface MemoryProbe {
  peakRssDeltaMB: number;
  /** The data generation had already pushed the high-water mark above the run's: the Δ is an upper bound. */
  rssUpperBoundOnly: boolean;
  peakHeapDeltaMB: number;
  retainedHeapMB: number;
}

/**
 * Child-process side: build the dataset, collect garbage, run the method once and report the RSS
 * high-water mark (getrusage maxrss) above the RSS before the run, the largest heapUsed seen
 * (sampled after each series and at the end, garbage included) above the heap before, and what the
 * results still hold after a final collection.
 */
function probeMemory(spec: string): MemoryProbe {
  const [key, method] = spec.split(':');
  const ds = makeDataset(key);
  collectGarbage();
  const base = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let peakHeap = base.heapUsed;
  const kept: unknown[] = [];
  if (method === 'bare') {
    kept.push(barePass(ds));
  } else {
    const req = request(method as ModelChoice);
    for (const r of ds.series) {
      kept.push(forecastFitted(r, req));
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  collectGarbage();
  const retained = process.memoryUsage().heapUsed - base.heapUsed;
  sink(kept.length);
  const mb = (b: number) => b / 2 ** 20;
  return {
    peakRssDeltaMB: mb(Math.max(0, maxRss - base.rss)),
    rssUpperBoundOnly: maxRss === maxRssBefore && maxRssBefore > base.rss,
    peakHeapDeltaMB: mb(peakHeap - base.heapUsed),
    retainedHeapMB: mb(retained),
  };
}

function memoryOf(key: string, method: string): MemoryProbe | null {
  const child = spawnSync(process.execPath, ['--expose-gc', process.argv[1], '--probe', `${key}:${method}`], {
    encoding: 'utf8',
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as MemoryProbe;
  } catch {
    process.stderr.write(`memory probe ${key}:${method} failed: ${child.stderr}\n`);
    return null;
  }
}

/** Splits the linear path into its stages, each timed over the whole dataset. */
function stageTimings(ds: Dataset, warmup: number, repeats: number): Array<[string, Timing]> {
  const prepared: RegularSeries[] = ds.series.map((r) => prepareSeries(r.times, r.values).series!);
  const fits: FittedModel[] = prepared.map((s) => {
    const f = linearModel.fit(s, { fromRow: 0 });
    if (isProblem(f)) {
      throw new Error(f.message);
    }
    return f;
  });
  const forecasts: Forecast[] = fits.map((f, i) => {
    const p = f.predict(HORIZON_STEPS, 0.95);
    const s = prepared[i];
    const last = s.start + (s.values.length - 1) * s.step;
    return {
      times: Array.from({ length: HORIZON_STEPS }, (_x, k) => last + (k + 1) * s.step),
      point: Array.from(p.point),
      lower: Array.from(p.lower),
      upper: Array.from(p.upper),
      level: 0.95,
    };
  });
  const stages: Array<[string, () => number]> = [
    [
      'prepareSeries (validate, copy to Float64Array, trim)',
      () => ds.series.reduce((s, r) => s + prepareSeries(r.times, r.values).finiteCount, 0),
    ],
    [
      'linearFitIndexed (two passes over the values)',
      () => prepared.reduce((s, p) => s + linearFitIndexed(p.values).slope, 0),
    ],
    [
      'linear fit (max-abs pass + linearFitIndexed + fitted values)',
      () => prepared.reduce((s, p) => s + (linearModel.fit(p, { fromRow: 0 }) as FittedModel).anchor, 0),
    ],
    ['predict (48 steps, band)', () => fits.reduce((s, f) => s + f.predict(HORIZON_STEPS, 0.95).point[0], 0)],
    [
      'findCrossings (90, 100)',
      () =>
        forecasts.reduce(
          (s, f, i) =>
            s +
            findCrossings({ lastTime: f.times[0] - prepared[i].step, anchor: fits[i].anchor, forecast: f }, THRESHOLDS)
              .length,
          0
        ),
    ],
    ['forecastSeries (all of it)', () => forecastAll(ds, 'linear')],
  ];
  return stages.map(([name, work]) => [name, timeRepeated(work, warmup, repeats, sink)]);
}

function main(argv: string[]): void {
  const probe = benchOption(argv, 'probe', '');
  if (probe !== '') {
    process.stdout.write(`${JSON.stringify(probeMemory(probe))}\n`);
    return;
  }
  const models = benchListOption(argv, 'models', 'linear');
  for (const m of models) {
    if (!MODEL_CHOICES.includes(m as ModelChoice)) {
      throw new Error(`unknown model "${m}"; one of ${MODEL_CHOICES.join(', ')}`);
    }
  }
  const repeats = Math.max(5, Number(benchOption(argv, 'repeats', '7')));
  const warmup = Math.max(1, Number(benchOption(argv, 'warmup', '5')));
  if (!(globalThis as { gc?: unknown }).gc) {
    process.stderr.write('note: run with --expose-gc (npm run bench:speed does) for collections between repeats\n');
  }
  console.log(`# Trendcast speed benchmark\n`);
  console.log(
    `node ${process.version}, horizon ${HORIZON_STEPS} steps, thresholds ${THRESHOLDS.join(', ')}, ${warmup} warm-up + ${repeats} timed runs\n`
  );

  const rows: string[][] = [];
  const stageTables: string[] = [];
  for (const key of ['many', 'one']) {
    const ds = makeDataset(key);
    const bare = timeRepeated(methodWork(ds, 'bare'), warmup, repeats, sink);
    const methods: Array<[string, Timing]> = [['bare pass (sum times + values)', bare]];
    for (const m of models) {
      methods.push([`forecastSeries ${m}`, timeRepeated(methodWork(ds, m), warmup, repeats, sink)]);
    }
    for (const [name, t] of methods) {
      const method = name.startsWith('bare') ? 'bare' : name.split(' ')[1];
      const mem = memoryOf(key, method);
      rows.push([
        ds.label,
        name,
        fmt(t.medianMs, 1),
        fmt(t.minMs, 1),
        `${fmt(t.medianMs / bare.medianMs, 1)}×`,
        fmt((ds.points / t.medianMs) * 1e-3, 1),
        mem ? `${mem.rssUpperBoundOnly ? '≤ ' : ''}${fmt(mem.peakRssDeltaMB, 1)}` : '–',
        mem ? fmt(mem.peakHeapDeltaMB, 1) : '–',
        mem ? fmt(mem.retainedHeapMB, 1) : '–',
      ]);
    }
    const stages = stageTimings(ds, warmup, repeats);
    const total = stages[stages.length - 1][1].medianMs;
    // What forecastFitted does besides the four stages: mostly building the plain-array outputs.
    const named = (prefix: string) => stages.find(([name]) => name.startsWith(prefix))![1].medianMs;
    const rest = total - named('prepareSeries') - named('linear fit') - named('predict') - named('findCrossings');
    const stageRows = stages.map(([name, t]) => [
      name,
      fmt(t.medianMs, 2),
      fmt(t.minMs, 2),
      `${fmt((100 * t.medianMs) / total, 0)}%`,
      `${fmt(t.medianMs / bare.medianMs, 2)}×`,
    ]);
    stageRows.splice(stageRows.length - 1, 0, [
      'rest of forecastSeries (total − the four stages above: output arrays)',
      fmt(rest, 2),
      '–',
      `${fmt((100 * rest) / total, 0)}%`,
      `${fmt(rest / bare.medianMs, 2)}×`,
    ]);
    stageTables.push(
      `### Linear path by stage, ${ds.label}\n\n` +
        markdownTable(['stage (medians)', 'median ms', 'min ms', 'share of forecastSeries', '× bare pass'], stageRows)
    );
  }
  console.log('### Forecast vs bare pass\n');
  console.log(
    markdownTable(
      [
        'workload',
        'method',
        'median ms',
        'min ms',
        'median / bare',
        'M points/s',
        'peak RSS Δ MB',
        'peak heap Δ MB',
        'retained heap MB',
      ],
      rows
    )
  );
  console.log(`\n${stageTables.join('\n\n')}\n`);
  if (sinkValue === 0) {
    console.log('(no results)');
  }
}

main(process.argv.slice(2));
