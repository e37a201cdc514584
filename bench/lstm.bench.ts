/**
 * LSTM benchmark (`npm run bench:lstm`): speed in Node and accuracy on M4 Hourly.
 *
 * Speed (--part speed):
 *  1. Input shape: one network (units 16, batch 32) trained on 1,320 windows, seconds per epoch,
 *     for the seed's (1 step × look_back features) shape against (look_back steps × 1 feature),
 *     look_back 24 and 168, on the wasm and cpu backends. The slow (168 × 1) shape is timed on
 *     264 windows and scaled.
 *  2. Per series of 8 weeks of hourly data (1,344 points, daily + weekly cycle, trend, noise):
 *     cold training (cache miss), a cached refresh (weights read and decoded, decomposition,
 *     forecast of 336 steps with the band; no training) and a fine-tune on 24 new points. The
 *     median over --series synthetic series (default 3), after one untimed warm-up.
 * Accuracy (--part accuracy): M4 Hourly training file, the last 48 points of each series held
 * out; sMAPE and MASE as in M4 (MASE scaled by the in-sample seasonal naive, m = 24), and the
 * share of held-out points inside the 95% band. Methods: seasonal naive, Trendcast linear and
 * seasonal (forecastFitted), the LSTM variants given by --variants: `decomposed`, `raw`, `network`,
 * `direct` train the LSTM directly (fitLstm); `auto` is the product's default, through the forecast
 * entry as the CLI runs it with no --model (runtime/forecastSeries.ts, the in-process runner);
 * `auto-pick` the rule measured against it: per series, the LSTM or the fitted forecast, whichever
 * scored better on the LSTM's held-out rows (it reuses auto's training when both are asked for).
 * NAB (--part nab): the same methods and scores on the NAB cloud metrics in DATA/nab/*.csv
 * (`timestamp,value`, 5-minute samples, averaged to hourly means by nabSeries.ts), last 48 hours
 * held out, plus the MASE of each method per series.
 *
 * Short cycles (--part cycles): synthetic series with cycles of 2–6 rows, decomposed by the cycle
 * against the raw networks (shortCycles).
 *
 * Options: --data DIR (default ../shared/data; the accuracy and NAB parts are skipped with a message
 *          when their files are absent) --limit N (series, evenly spaced: over the 414 M4 series,
 *          default 24; over the NAB files, default all)
 *          --variants decomposed,raw,direct --backend wasm|cpu --series N --epochs N --seed N (LstmConfig.seed)
 *          --part speed|chromium|accuracy|cycles|nab|all (chromium needs `npm run build` first; see lstmChromium.ts)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { detectSeasonality } from '../src/engine/stats/seasonality';
import { seededRandom } from '../src/engine/stats/seededRandom';
import { RegularSeries } from '../src/engine/types';
import { forecastFitted } from '../src/models/forecastSeries';
import { validForecastOptions } from '../src/models/forecastOptions';
import {
  buildNetwork,
  fitLstm,
  loadTf,
  LstmConfig,
  TrainingConfig,
  makeWindows,
  MIN_DECOMPOSITION_PERIOD,
  TfBackendName,
  trainNetwork,
} from '../src/models/lstm';
import { forecastSeries } from '../src/runtime/forecastSeries';
import { createInProcessLstmRunner } from '../src/runtime/inProcessLstmRunner';
import { refreshLstm } from '../src/runtime/lstmRefresh';
import { SeriesOutcome } from '../src/runtime/seriesOutcome';
import { createMemoryWeightStore } from '../src/runtime/weightStore';
import { chromiumRuns } from './lstmChromium';
import { m4Scores, readM4, seasonalNaiveForecast } from './m4Series';
import { NabHourly, readNabHourly } from './nabSeries';
import { benchListOption, benchOption } from './support/args';
import { fittedHeldOutScore } from './support/fittedHeldOutScore';
import { fmt, markdownTable } from './support/markdownTable';
import { median } from './support/stats';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const H = 48;
const M = 24;

const out = (s: string) => process.stdout.write(s + '\n');

/** 8 weeks hourly: 50 + trend + daily and weekly cycles + N(0, 1.5²). */
function syntheticWeeks(seed: number, n = 8 * 7 * 24): Float64Array {
  const rng = seededRandom(seed);
  return Float64Array.from(
    { length: n },
    (_, i) =>
      50 +
      0.004 * i +
      10 * Math.sin((2 * Math.PI * i) / 24) +
      (Math.floor(i / 24) % 7 >= 5 ? -6 : 0) +
      rng.normal(0, 1.5)
  );
}

async function shapeSpeed(backend: TfBackendName): Promise<string[][]> {
  const rt = await loadTf({ backend });
  const z = Float64Array.from(syntheticWeeks(1, 1320 + 168 + 1), (v) => (v - 50) / 10);
  const rows: string[][] = [];
  for (const lookBack of [24, 168]) {
    for (const shapeName of ['features', 'steps'] as const) {
      const shape =
        shapeName === 'features'
          ? { timeSteps: 1, features: lookBack, units: 16, outputs: 1 }
          : { timeSteps: lookBack, features: 1, units: 16, outputs: 1 };
      const slow = shapeName === 'steps' && lookBack === 168;
      const windows = makeWindows(z, { lookBack, outputs: 1, maxWindows: slow ? 264 : 1320 });
      const model = buildNetwork(rt, shape, 0.2, 1);
      // First epoch untimed: kernels compile, weights initialise.
      await trainNetwork(rt, model, shape, windows, { epochs: 1, batchSize: 32, learningRate: 0.005, seed: 1 });
      const epochs = slow ? 1 : 3;
      const t0 = performance.now();
      await trainNetwork(rt, model, shape, windows, { epochs, batchSize: 32, learningRate: 0.005, seed: 2 });
      const perEpoch = (performance.now() - t0) / epochs / 1000;
      model.dispose();
      rows.push([
        rt.backend,
        String(lookBack),
        shapeName === 'features' ? `(1, ${lookBack})` : `(${lookBack}, 1)`,
        fmt((perEpoch * 1320) / windows.count, 2),
      ]);
    }
  }
  return rows;
}

/**
 * Runs `work` while a 1 ms timer watches the event loop: resolves with the longest gap between two
 * of its ticks, the longest the work kept the thread (a page, where no worker runs it) busy.
 */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ value: T; blockMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    const value = await work();
    longest = Math.max(longest, performance.now() - last);
    return { value, blockMs: longest };
  } finally {
    clearInterval(timer);
  }
}

async function seriesSpeed(count: number, backend: TfBackendName, config: Partial<LstmConfig>) {
  await loadTf({ backend });
  const blocks: number[] = [];
  const cold: number[] = [];
  const cached: number[] = [];
  const tune: number[] = [];
  let trained = '';
  for (let s = 0; s <= count; s++) {
    const all = syntheticWeeks(10 + s, 8 * 7 * 24 + 24);
    const store = createMemoryWeightStore();
    const base = { fromRow: 0, horizon: 336, key: `s${s}`, store, config };
    const first: RegularSeries = { start: T0, step: HOUR, values: all.slice(0, 8 * 7 * 24) };
    let t0 = performance.now();
    const { value: a, blockMs } = await longestBlock(() => refreshLstm({ ...base, series: first }));
    const tCold = performance.now() - t0;
    t0 = performance.now();
    const b = await refreshLstm({ ...base, series: first });
    if (!('problem' in b)) {
      b.model.predict(336, 0.95);
    }
    const tCached = performance.now() - t0;
    t0 = performance.now();
    const c = await refreshLstm({ ...base, series: { start: T0, step: HOUR, values: all } });
    const tTune = performance.now() - t0;
    if ('problem' in a || 'problem' in b || 'problem' in c) {
      throw new Error('training failed on synthetic data');
    }
    if (b.status.action !== 'cached' || c.status.action !== 'fine-tune') {
      throw new Error(`unexpected actions ${b.status.action} / ${c.status.action}`);
    }
    trained = `period ${a.status.period}, look-back ${a.status.lookBack}, backend ${a.status.backend}`;
    if (s > 0) {
      // s = 0 is the warm-up.
      cold.push(tCold);
      blocks.push(blockMs);
      cached.push(tCached);
      tune.push(tTune);
    }
  }
  return { cold: median(cold), block: Math.max(...blocks), cached: median(cached), tune: median(tune), trained };
}

interface MethodScore {
  smape: number[];
  mase: number[];
  inside: number;
  banded: number;
  seconds: number[];
  /** Series on which the method gave no forecast (scored as seasonal naive). */
  failed: string[];
}

type Method = (
  train: number[]
) => Promise<{ point: ArrayLike<number>; lower?: ArrayLike<number>; upper?: ArrayLike<number> } | null>;

function statisticalMethod(model: 'linear' | 'seasonal'): Method {
  return async (train) => {
    const r = forecastFitted(
      { name: 'bench', labels: {}, times: train.map((_, i) => T0 + i * HOUR), values: train },
      validForecastOptions({ model, horizon: String(H), confidence: 0.95 })
    );
    return r.forecast ? { point: r.forecast.point, lower: r.forecast.lower, upper: r.forecast.upper } : null;
  };
}

function lstmMethod(config: Partial<TrainingConfig>): Method {
  return async (train) => {
    const fit = await fitLstm({ start: T0, step: HOUR, values: Float64Array.from(train) }, { config });
    if ('code' in fit) {
      return null;
    }
    return fit.model.predict(H, 0.95);
  };
}

const benchSeries = (train: number[]) => ({
  name: 'bench',
  labels: {},
  times: train.map((_, i) => T0 + i * HOUR),
  values: train,
});

const AUTO = validForecastOptions({ model: 'auto', horizon: String(H) });

/** `auto`'s outcome through the forecast entry, once per training series (auto and auto-pick share it). */
const autoOutcomes = new WeakMap<number[], Promise<SeriesOutcome>>();

function autoOutcome(train: number[], config: Partial<LstmConfig>): Promise<SeriesOutcome> {
  let outcome = autoOutcomes.get(train);
  if (!outcome) {
    const runner = createInProcessLstmRunner(null);
    outcome = forecastSeries(benchSeries(train), AUTO, {
      lstm: { runner: async () => runner, dashboardUid: 'bench', panelId: 'bench', config },
    });
    autoOutcomes.set(train, outcome);
  }
  return outcome;
}

/** The default, as the CLI runs it without --model: `auto` through the forecast entry with an LSTM runner. */
function autoMethod(config: Partial<LstmConfig>): Method {
  return async (train) => (await autoOutcome(train, config)).result.forecast;
}

/** The rule not taken: per series, whichever of the LSTM and the fitted forecast did better on the held-out rows. */
function autoPickMethod(config: Partial<LstmConfig>): Method {
  return async (train) => {
    const outcome = await autoOutcome(train, config);
    const a = outcome.lstm?.backtest;
    if (outcome.result.model !== 'lstm' || !a) {
      return outcome.result.forecast;
    }
    const b = fittedHeldOutScore(benchSeries(train), AUTO, a.horizon, a.seasonality);
    const lstmWins = a.mase !== null && (b?.mase == null || a.mase <= b.mase);
    return lstmWins ? outcome.result.forecast : forecastFitted(benchSeries(train), AUTO).forecast;
  };
}

const seasonalNaive: Method = async (train) => ({
  point: seasonalNaiveForecast(train, H, M),
});

/** What each --variants name runs, as the tables label it. */
const VARIANT_LABELS: Record<string, string> = {
  decomposed: ' (3 networks, recursive, combined with seasonal naive)',
  raw: ' (median of 3 networks, recursive, combined with seasonal naive)',
  network: ' (decomposed, the networks alone: not combined with seasonal naive)',
  direct: ' (48-output head)',
  auto: ': the default, through the forecast entry (the LSTM on the series auto finds seasonal)',
  'auto-pick': ': per series the LSTM or the fitted forecast, whichever did better held out',
};

/** Seasonal naive, Trendcast linear and seasonal, then the LSTM variants asked for. */
function accuracyMethods(variants: string[], config: Partial<LstmConfig>): Array<[string, Method]> {
  const methods: Array<[string, Method]> = [
    ['seasonal naive (m = 24)', seasonalNaive],
    ['Trendcast linear', statisticalMethod('linear')],
    ['Trendcast seasonal', statisticalMethod('seasonal')],
  ];
  const variantConfig: Record<string, Partial<TrainingConfig>> = {
    decomposed: { ...config, variant: 'decomposed' },
    raw: { ...config, variant: 'raw' },
    network: { ...config, variant: 'decomposed', combineWithNaive: false },
    direct: { ...config, variant: 'decomposed', strategy: 'direct', directSteps: H },
  };
  for (const v of variants) {
    if (v === 'auto' || v === 'auto-pick') {
      methods.push([`Trendcast ${v}${VARIANT_LABELS[v]}`, (v === 'auto' ? autoMethod : autoPickMethod)(config)]);
      continue;
    }
    if (!variantConfig[v]) {
      throw new Error(`unknown variant ${v}; one of ${Object.keys(VARIANT_LABELS).join(', ')}`);
    }
    methods.push([`LSTM ${v}${VARIANT_LABELS[v]}`, lstmMethod(variantConfig[v])]);
  }
  return methods;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Scores every method on every series with the last H points held out, prints the markdown table
 * (sMAPE, MASE with m = 24, wins over seasonal naive, band coverage, time) and returns the scores
 * (in series order) for callers that print more.
 */
async function scoreAccuracy(
  title: string,
  series: Array<{ id: string; values: number[] }>,
  methods: Array<[string, Method]>
): Promise<Map<string, MethodScore>> {
  const scores = new Map<string, MethodScore>(
    methods.map(([name]) => [name, { smape: [], mase: [], inside: 0, banded: 0, seconds: [], failed: [] }])
  );
  const beats = new Map<string, number>();
  for (const [i, row] of series.entries()) {
    const train = row.values.slice(0, row.values.length - H);
    const actual = row.values.slice(row.values.length - H);
    const naiveSmape = m4Scores(train, actual, (await seasonalNaive(train))!.point, M).smape;
    for (const [name, method] of methods) {
      const t0 = performance.now();
      const f = await method(train);
      const seconds = (performance.now() - t0) / 1000;
      const s = scores.get(name)!;
      // A method without a forecast scores as seasonal naive would (M4 would count it as missing).
      const point = f ? f.point : (await seasonalNaive(train))!.point;
      if (!f) {
        s.failed.push(row.id);
      }
      const score = m4Scores(train, actual, point, M);
      s.smape.push(score.smape);
      s.mase.push(score.mase);
      s.seconds.push(seconds);
      if (s.smape[s.smape.length - 1] < naiveSmape) {
        beats.set(name, (beats.get(name) ?? 0) + 1);
      }
      if (f?.lower && f.upper) {
        for (let k = 0; k < H; k++) {
          s.banded++;
          s.inside += actual[k] >= f.lower[k] && actual[k] <= f.upper[k] ? 1 : 0;
        }
      }
    }
    process.stderr.write(`\r${i + 1}/${series.length} ${row.id}   `);
  }
  process.stderr.write('\n');
  out(`\n### ${title}\n`);
  out(
    markdownTable(
      ['method', 'sMAPE %', 'MASE', 'sMAPE below seasonal naive', '95% band coverage', 's per series'],
      methods.map(([name]) => {
        const s = scores.get(name)!;
        return [
          name,
          fmt(mean(s.smape), 2),
          fmt(mean(s.mase), 3),
          `${beats.get(name) ?? 0} / ${series.length}`,
          s.banded ? `${fmt((100 * s.inside) / s.banded, 1)}%` : '–',
          fmt(mean(s.seconds), 2),
        ];
      })
    )
  );
  for (const [name] of methods) {
    const failed = scores.get(name)!.failed;
    if (failed.length > 0) {
      out(`\n${name}: no forecast on ${failed.join(', ')} (scored as seasonal naive there).`);
    }
  }
  return scores;
}

async function accuracy(dataDir: string, limit: number, variants: string[], config: Partial<LstmConfig>) {
  const path = join(dataDir, 'm4-hourly', 'Hourly-train.csv');
  if (!existsSync(path)) {
    out(`\nM4 accuracy skipped: ${path} not found (pass --data DIR holding m4-hourly/Hourly-train.csv).`);
    return;
  }
  const rows = readM4(path);
  const pick = Math.min(limit, rows.length);
  const chosen = Array.from({ length: pick }, (_, i) => rows[Math.floor((i * rows.length) / pick)]);
  await scoreAccuracy(
    `Accuracy on M4 Hourly (${chosen.length} of ${rows.length} series, evenly spaced; last ${H} points held out)`,
    chosen,
    accuracyMethods(variants, config)
  );
}

/**
 * The same comparison on the NAB cloud metrics in DIR/nab (5-minute data averaged to hourly
 * means, see nabSeries.ts), then the MASE of each method per series.
 */
async function nabAccuracy(dataDir: string, limit: number, variants: string[], config: Partial<LstmConfig>) {
  const dir = join(dataDir, 'nab');
  if (!existsSync(dir)) {
    out(`\nNAB accuracy skipped: ${dir} not found (pass --data DIR holding nab/*.csv).`);
    return;
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  const all = files
    .map((f) => readNabHourly(join(dir, f), f.replace(/\.csv$/, '')))
    .filter((s): s is NabHourly => s !== null && s.values.length > H + M);
  if (all.length === 0) {
    out(`\nNAB accuracy skipped: no usable series in ${dir} (each needs more than ${H + M} hourly points).`);
    return;
  }
  const pick = Math.min(limit, all.length);
  const chosen = Array.from({ length: pick }, (_, i) => all[Math.floor((i * all.length) / pick)]);
  const methods = accuracyMethods(variants, config);
  const scores = await scoreAccuracy(
    `Accuracy on NAB (${chosen.length} of ${files.length} files; hourly means; last ${H} hours held out)`,
    chosen,
    methods
  );
  out(
    '\nMASE / sMAPE % per series (hours: hourly points, in brackets how many interpolated; * no forecast, seasonal naive scored):\n'
  );
  out(
    markdownTable(
      ['series', 'hours', ...methods.map(([name]) => name.replace(/ \(.*\)$/, ''))],
      chosen.map((s, i) => [
        `${s.id}`,
        s.filled > 0 ? `${s.values.length} (${s.filled})` : String(s.values.length),
        ...methods.map(
          ([name]) =>
            `${fmt(scores.get(name)!.mase[i], 2)} / ${fmt(scores.get(name)!.smape[i], 1)}${scores.get(name)!.failed.includes(s.id) ? '*' : ''}`
        ),
      ])
    )
  );
}

/**
 * Short cycles (--part cycles): why a cycle the ACF finds under MIN_DECOMPOSITION_PERIOD rows goes
 * to the raw networks. Synthetic hourly series, 336 training rows + 48 held out: a fixed random
 * cycle of p = 2, 3, 4, 6 rows plus uniform noise, and (1) a daily sine, (2) a slow trend or (3) a
 * level step. Where the ACF of the first 288 rows (what the held-out pass sees) finds a cycle under
 * the minimum, the decomposition by that cycle (forced through `period`) is scored against the raw
 * networks (what the default now runs), MASE / sMAPE as in M4 with m = 24.
 */
async function shortCycles(config: Partial<LstmConfig>): Promise<void> {
  const rows: string[][] = [];
  const mases = { decomposed: [] as number[], raw: [] as number[] };
  for (const p of [2, 3, 4, 6]) {
    for (const shape of [1, 2, 3]) {
      const g = seededRandom(shape * 100 + p);
      const cycle = Array.from({ length: p }, () => g.uniform() * 10 - 5);
      const y = Array.from(
        { length: 336 + H },
        (_, t) =>
          50 +
          cycle[t % p] +
          (shape === 1 ? 6 * Math.sin((2 * Math.PI * t) / 24) : 0) +
          (shape === 2 ? 0.02 * t : 0) +
          (shape === 3 && t > 250 ? 8 : 0) +
          (g.uniform() - 0.5) * 3
      );
      const train = y.slice(0, 336);
      const actual = y.slice(336);
      const found = detectSeasonality(train.slice(0, 336 - H), { stepMs: HOUR }).period;
      if (found === null || found >= MIN_DECOMPOSITION_PERIOD) {
        rows.push([String(p), String(shape), String(found ?? 'none'), '–', '–']);
        continue;
      }
      const cells: string[] = [];
      for (const [name, options] of [
        ['decomposed', { period: found, config: { ...config, variant: 'decomposed' as const } }],
        ['raw', { config: { ...config, variant: 'raw' as const } }],
      ] as const) {
        const fit = await fitLstm({ start: T0, step: HOUR, values: Float64Array.from(train) }, options);
        if ('code' in fit) {
          throw new Error(`short cycle ${p}/${shape} ${name}: ${fit.message}`);
        }
        const score = m4Scores(train, actual, fit.model.predict(H, 0.95).point, M);
        mases[name].push(score.mase);
        cells.push(`${fmt(score.mase, 3)} / ${fmt(score.smape, 2)}`);
      }
      rows.push([String(p), String(shape), String(found), ...cells]);
    }
  }
  out(`\n### Cycles under ${MIN_DECOMPOSITION_PERIOD} rows: decomposed by the cycle against the raw networks\n`);
  out(
    markdownTable(
      [
        'cycle (rows)',
        'series (1 daily sine, 2 trend, 3 step)',
        'ACF period',
        'decomposed MASE / sMAPE',
        'raw MASE / sMAPE',
      ],
      rows
    )
  );
  out(
    `\nMean MASE over the ${mases.raw.length} series with a short cycle found: decomposed ${fmt(mean(mases.decomposed), 3)}, raw ${fmt(mean(mases.raw), 3)}.`
  );
}

async function chromium(count: number): Promise<void> {
  let result;
  try {
    result = await chromiumRuns(count, (seed, n) => syntheticWeeks(seed, n));
  } catch (e) {
    out(`\nChromium part skipped: ${(e as Error).message}`);
    return;
  }
  const { rows, pool, cores, userAgent } = result;
  const col = (i: number) => rows.map((r) => r[i]);
  const expect = (i: number, action: string, cache: string) => {
    const bad = col(i).filter((r) => r.action !== action || r.cache !== cache);
    if (bad.length > 0) {
      throw new Error(`Chromium run ${i}: expected ${action}/${cache}, got ${JSON.stringify(bad)}`);
    }
  };
  expect(0, 'cold-train', 'miss');
  expect(1, 'cached', 'hit');
  expect(2, 'cached', 'hit');
  expect(3, 'fine-tune', 'hit');
  const ms = (i: number) => median(col(i).map((r) => r.ms));
  out(
    `\n### Headless Chromium, through the built plugin's worker (${userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? userAgent}; backend ${rows[0][0].backend}; median of ${count})\n`
  );
  out(
    markdownTable(
      ['step (8 weeks hourly, forecast 336 steps)', 'ms'],
      [
        ['cold training (IndexedDB miss)', fmt(ms(0), 0)],
        ['cached refresh (IndexedDB hit, no training)', fmt(ms(1), 0)],
        ['after a page reload: weights from IndexedDB, no training', fmt(ms(2), 0)],
        [
          'first forecast shown on a refresh with 24 new points (from the cached weights)',
          fmt(median(col(3).map((r) => r.cachedMs)), 0),
        ],
        ['fine-tune on 24 new points, total', fmt(ms(3), 0)],
        ['fine-tune / cold', `${fmt((100 * ms(3)) / ms(0), 1)}%`],
      ]
    )
  );
  out(
    `\nA panel's ${pool[0].series} series trained cold, one worker against one per core as the page's pool runs them (navigator.hardwareConcurrency ${cores}; one run each):\n`
  );
  out(
    markdownTable(
      ['workers', 'wall time, s', 's per series', '× one worker'],
      pool.map((p) => [
        String(p.workers),
        fmt(p.ms / 1000, 1),
        fmt(p.ms / 1000 / p.series, 2),
        fmt(pool[0].ms / p.ms, 2),
      ])
    )
  );
}

async function main(argv: string[]): Promise<void> {
  const part = benchOption(argv, 'part', 'all');
  const backend = benchOption(argv, 'backend', 'wasm') as TfBackendName;
  const dataDir = benchOption(argv, 'data', '../shared/data');
  const limit = Math.max(1, Number(benchOption(argv, 'limit', '24')));
  const variants = benchListOption(argv, 'variants', 'decomposed,raw');
  const epochs = benchOption(argv, 'epochs', '');
  const seed = benchOption(argv, 'seed', '');
  const config: Partial<LstmConfig> = {
    ...(epochs ? { epochs: Number(epochs) } : {}),
    // Another seed: how much a score moves with the initial weights alone.
    ...(seed ? { seed: Number(seed) } : {}),
  };
  out(`## LSTM benchmark (Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs)`);
  if (part === 'speed' || part === 'all') {
    out('\n### Input shape: seconds per epoch over 1,320 windows (units 16, batch 32)\n');
    const rows = [...(await shapeSpeed('wasm')), ...(await shapeSpeed('cpu'))];
    out(markdownTable(['backend', 'look_back', 'input shape (steps, features)', 's / epoch'], rows));
    const series = Math.max(1, Number(benchOption(argv, 'series', '3')));
    const s = await seriesSpeed(series, backend, config);
    out(`\n### Per series, 8 weeks hourly (1,344 points; ${s.trained}; median of ${series})\n`);
    out(
      markdownTable(
        ['step', 'ms'],
        [
          ['cold training (cache miss), 3 networks', fmt(s.cold, 0)],
          [
            'longest the thread was busy without a break during a cold training (the most of all runs)',
            fmt(s.block, 0),
          ],
          ['cached refresh: read + decode + forecast 336 steps with band, no training', fmt(s.cached, 1)],
          ['fine-tune on 24 new points', fmt(s.tune, 0)],
          ['fine-tune / cold', `${fmt((100 * s.tune) / s.cold, 1)}%`],
        ]
      )
    );
  }
  if (part === 'chromium' || part === 'all') {
    await chromium(Math.max(1, Number(benchOption(argv, 'series', '3'))));
  }
  if (part === 'accuracy' || part === 'all') {
    await loadTf({ backend });
    await accuracy(dataDir, limit, variants, config);
  }
  if (part === 'cycles' || part === 'all') {
    await loadTf({ backend });
    await shortCycles(config);
  }
  if (part === 'nab' || part === 'all') {
    await loadTf({ backend });
    await nabAccuracy(dataDir, Math.max(1, Number(benchOption(argv, 'limit', '1000'))), variants, config);
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
