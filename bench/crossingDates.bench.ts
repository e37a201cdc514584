/**
 * Known-answer benchmark of the crossing date, the number Trendcast exists to give
 * (`npm run bench:dates`).
 *
 * A seeded suite of synthetic disk volumes (piecewise-linear growth with clean-ups, noise, spikes,
 * gaps; see crossingDates/syntheticVolumes.ts) whose true 90% and 100% dates are those of the last
 * segment's true line. Each volume is forecast by forecastFitted with each model, and by
 * Prometheus' predict_linear over trailing windows, and each method's dates are scored against the
 * truth: absolute error in hours, band coverage, and misses of the horizon.
 *
 * Options: --models linear,last-trend,auto   Trendcast models; `model@7d` adds a fit window
 *          --baselines 6h,1d,7d                predict_linear windows
 *          --volumes 48 --seed 7 --horizon 60d
 *          --details                           one row per volume as well
 */
import { prepareSeries } from '../src/engine/prepareSeries';
import { forecastFitted } from '../src/models/forecastSeries';
import { validForecastOptions } from '../src/models/forecastOptions';
import { seedLastTrendStart } from '../src/models/lastTrend';
import { MODEL_CHOICES, ModelChoice } from '../src/models/types';
import { predictLinearCrossing } from './crossingDates/predictLinear';
import { fleetVolumes, HostVolume, hostVolumes } from './crossingDates/hostVolumes';
import { naiveProjection, readNabFolder } from './crossingDates/realSeries';
import { robustBaselineCrossing } from './crossingDates/robustBaseline';
import { callFromCrossing, CrossingCall, emptyScore, MethodScore, scoreCall } from './crossingDates/scoring';
import { cleanLineVolume, NOISE_LEVELS, SyntheticVolume, syntheticVolumes } from './crossingDates/syntheticVolumes';
import { benchListOption, benchOption } from './support/args';
import { fmt, markdownTable } from './support/markdownTable';
import { median, quantile } from './support/stats';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const THRESHOLDS = [90, 100];

interface Method {
  label: string;
  /** The calls for 90 and 100, and (Trendcast) the model actually used. */
  run(v: SyntheticVolume, horizon: string, horizonMs: number): { calls: CrossingCall[]; used?: string };
}

function parseMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(m|h|d|w)$/.exec(text.trim());
  if (!m) {
    throw new Error(`"${text}" is not a duration such as 6h or 7d`);
  }
  return Number(m[1]) * { m: 60_000, h: HOUR, d: DAY, w: 7 * DAY }[m[2] as 'm' | 'h' | 'd' | 'w'];
}

function trendcastMethod(spec: string): Method {
  const [model, fitWindow] = spec.split('@');
  if (!MODEL_CHOICES.includes(model as ModelChoice)) {
    throw new Error(`unknown model "${model}"; one of ${MODEL_CHOICES.join(', ')}`);
  }
  return {
    label: fitWindow ? `Trendcast ${model}, fit window ${fitWindow}` : `Trendcast ${model}`,
    run(v, horizon) {
      const f = forecastFitted(
        { name: v.name, labels: {}, times: v.times, values: v.values },
        validForecastOptions({ model: model as ModelChoice, horizon, fitWindow, thresholds: THRESHOLDS })
      );
      if (f.problem) {
        return { calls: THRESHOLDS.map(() => ({ date: null, band: null })), used: `problem: ${f.problem.code}` };
      }
      return {
        calls: THRESHOLDS.map((thr) =>
          callFromCrossing(
            f.crossings.find((c) => c.threshold === thr),
            v.lastTime
          )
        ),
        used: f.model ?? '?',
      };
    },
  };
}

/**
 * The seed's last trend: its derivative-peak loop (severity 1 %, start after the last peak) picks
 * the segment, then the same linear forecast runs on it — the change-point detector's rival.
 */
function seedLoopMethod(): Method {
  return {
    label: "Trendcast linear after the seed loop's last peak",
    run(v, horizon) {
      const grid = prepareSeries(v.times, v.values).series;
      if (!grid) {
        return { calls: THRESHOLDS.map(() => ({ date: null, band: null })), used: 'problem' };
      }
      const start = seedLastTrendStart(grid.values);
      const f = forecastFitted(
        { name: v.name, labels: {}, times: v.times, values: v.values },
        validForecastOptions({
          model: 'linear',
          horizon,
          fitWindow: String(grid.values.length - start),
          thresholds: THRESHOLDS,
        })
      );
      return {
        calls: THRESHOLDS.map((thr) =>
          callFromCrossing(
            f.crossings.find((c) => c.threshold === thr),
            v.lastTime
          )
        ),
        used: `seed segment ${segmentBucket((grid.values.length - start) * grid.step)}`,
      };
    },
  };
}

function segmentBucket(ms: number): string {
  return ms < 6 * HOUR ? '< 6 h' : ms < DAY ? '6 h – 1 d' : ms < 7 * DAY ? '1 – 7 d' : '≥ 7 d';
}

function robustBaselineMethod(): Method {
  return {
    label: 'robust baseline (drops + rolling median)',
    run(v, _horizon, horizonMs) {
      return {
        calls: THRESHOLDS.map((thr) => ({
          date: robustBaselineCrossing(v.times, v.values, thr, horizonMs),
          band: null,
        })),
      };
    },
  };
}

/** A line over the true last segment: the ceiling a segmenter can reach (it knows the answer). */
function oracleMethod(): Method {
  return {
    label: 'oracle: line over the true last segment',
    run(v, _horizon, horizonMs) {
      const from = v.lastSegmentStart ?? v.times[0];
      const window = v.lastTime - from + 1;
      return {
        calls: THRESHOLDS.map((thr) => ({
          date: predictLinearCrossing(v.times, v.values, window, v.lastTime, thr, horizonMs),
          band: null,
        })),
      };
    },
  };
}

function promMethod(window: string): Method {
  const windowMs = parseMs(window);
  return {
    label: `predict_linear(v[${window}])`,
    run(v, _horizon, horizonMs) {
      return {
        calls: THRESHOLDS.map((thr) => ({
          date: predictLinearCrossing(v.times, v.values, windowMs, v.lastTime, thr, horizonMs),
          band: null,
        })),
      };
    },
  };
}

/** The harness must date a clean straight line exactly with plain linear and predict_linear; else the bench is broken. */
function selfCheck(horizon: string, horizonMs: number): void {
  const v = cleanLineVolume();
  for (const m of [trendcastMethod('linear'), promMethod('7d'), promMethod('1d')]) {
    const { calls } = m.run(v, horizon, horizonMs);
    THRESHOLDS.forEach((thr, k) => {
      const d = calls[k].date;
      if (d === null || Math.abs(d - v.truth[thr]) > 60_000) {
        throw new Error(`self-check: ${m.label} dates ${thr}% of a clean line at ${d}, truth ${v.truth[thr]}`);
      }
    });
  }
}

function scoreRow(label: string, s: MethodScore): string[] {
  const scored = s.absErrorsH.length;
  return [
    label,
    String(scored),
    fmt(median(s.absErrorsH), 1),
    fmt(quantile(s.absErrorsH, 0.9), 1),
    fmt(median(s.signedErrorsH), 1),
    s.bandTotal > 0 ? `${fmt((100 * s.covered) / s.bandTotal, 0)}%` : '–',
    s.bandTotal > 0 ? `${fmt(median(s.bandWidthsH), 1)} (${s.bandWidthsH.length})` : '–',
    String(s.missedInside),
    String(s.falseInside),
    String(s.bothBeyond),
  ];
}

type Suite = 'white' | 'hosts' | 'fleet';

const SUITE_DEFAULTS: Record<Suite, { volumes: number; seed: number }> = {
  white: { volumes: 48, seed: 7 },
  hosts: { volumes: 240, seed: 11 },
  fleet: { volumes: 200, seed: 5 },
};

function suiteVolumes(suite: Suite, count: number, seed: number): SyntheticVolume[] {
  return suite === 'white'
    ? syntheticVolumes(count, seed)
    : suite === 'hosts'
      ? hostVolumes(count, seed)
      : fleetVolumes(count, seed);
}

/** The slices each suite is reported by. */
function suiteGroups(suite: Suite): Array<[string, (v: SyntheticVolume) => boolean]> {
  if (suite === 'white') {
    return [
      ['no clean-up', (v) => v.cleanups === 0],
      ['clean-ups', (v) => v.cleanups > 0],
      ['last segment < 5 d', (v) => v.lastSegmentDays < 5],
      [`noise ≤ ${NOISE_LEVELS[1]}`, (v) => v.noiseSd <= NOISE_LEVELS[1]],
      [`noise ≥ ${NOISE_LEVELS[2]}`, (v) => v.noiseSd >= NOISE_LEVELS[2]],
    ];
  }
  const t = (v: SyntheticVolume) => (v as HostVolume).traits;
  const step = (ms: number, label: string): [string, (v: SyntheticVolume) => boolean] => [
    `step ${label}`,
    (v) => v.stepMs === ms,
  ];
  return [
    ['no cycle', (v) => t(v).cycle === 'none'],
    ['day/night swing', (v) => t(v).cycle === 'swing'],
    ['rotation sawtooth', (v) => t(v).cycle === 'sawtooth'],
    ['swing + sawtooth', (v) => t(v).cycle === 'both'],
    ['weekend slowdown', (v) => t(v).weekendSlowdown],
    ['white noise', (v) => t(v).phi === 0],
    ['AR(1) noise', (v) => t(v).phi > 0],
    ['no clean-up', (v) => t(v).cleanupCount === 0],
    ['clean-ups', (v) => t(v).cleanupCount > 0],
    ['last segment < 2 d', (v) => v.lastSegmentDays < 2],
    ['last change a slope change', (v) => t(v).lastChangeIsSlope],
    step(60_000, '1 min'),
    step(300_000, '5 min'),
    step(600_000, '10 min'),
    step(1_800_000, '30 min'),
    step(HOUR, '1 h'),
  ];
}

function pct(k: number, n: number): string {
  return n > 0 ? `${fmt((100 * k) / n, 1)}%` : '–';
}

/** The capacity planner's table: dated within 10 % of the lead time, missed, false alarms, interval. */
function capacityRow(label: string, s: MethodScore): string[] {
  return [
    label,
    `${pct(s.withinTenth, s.fills)} (${s.withinTenth}/${s.fills})`,
    `${s.missedInside} (${pct(s.missedInside, s.fills)})`,
    `${s.falseInside} (${pct(s.falseInside, s.quiet)})`,
    s.bandTotal > 0 ? pct(s.covered, s.bandTotal) : '–',
    s.relativeWidths.length > 0 ? `${fmt(100 * median(s.relativeWidths), 0)}%` : '–',
  ];
}

const CAPACITY_HEADER = [
  'method',
  'within 10% of lead time (of those that fill)',
  'missed',
  'false alarms (of quiet)',
  'interval covers truth',
  'median interval width (% of lead)',
];

/**
 * Real series: no truth, so each method's date for 1.2 × the largest value seen is shown beside
 * the naive projection of the last month. Skips cleanly without the data folder.
 */
function realSuite(argv: string[]): void {
  const dir = benchOption(argv, 'data', '../shared/data/nab');
  const series = readNabFolder(dir);
  if (series.length === 0) {
    console.log(`no NAB files under ${dir}: skipped (give --data DIR)`);
    return;
  }
  const horizon = benchOption(argv, 'horizon', '60d');
  const horizonMs = parseMs(horizon);
  const days = (end: number, t: number | null) =>
    t === null || t - end > horizonMs ? 'beyond' : fmt((t - end) / DAY, 1);
  const rows = series.map((s) => {
    const end = s.times[s.times.length - 1];
    const level = 1.2 * Math.max(...s.values);
    const f = (model: ModelChoice) => {
      const r = forecastFitted(
        { name: s.name, labels: {}, times: s.times, values: s.values },
        validForecastOptions({ model, horizon, thresholds: [level] })
      );
      const c = r.crossings[0];
      const d = r.diagnostics;
      return {
        date: c?.status === 'crosses' ? c.time : null,
        note: `${c?.status ?? r.problem?.code}, ${fmt((d.slopePerDay as number) ?? NaN, 3)}/d, cycles ${d.cycles ?? '–'}`,
      };
    };
    const lt = f('last-trend');
    const auto = f('auto');
    return [
      s.name,
      fmt(level, 3),
      `${days(end, lt.date)} (${lt.note})`,
      days(end, auto.date),
      days(end, robustBaselineCrossing(s.times, s.values, level, horizonMs)),
      days(end, predictLinearCrossing(s.times, s.values, 7 * DAY, end, level, horizonMs)),
      days(end, naiveProjection(s, level)),
    ];
  });
  console.log(
    `# Crossing dates on real series (${dir}): days until 1.2 × the largest value seen, horizon ${horizon}\n`
  );
  console.log(
    markdownTable(
      [
        'series',
        'level',
        'Trendcast last-trend (status, slope, cycles)',
        'auto',
        'robust baseline',
        'predict_linear 7d',
        'naive projection of the last month',
      ],
      rows
    )
  );
}

function main(argv: string[]): void {
  if (benchOption(argv, 'suite', 'hosts') === 'nab') {
    realSuite(argv);
    return;
  }
  const suite = benchOption(argv, 'suite', 'hosts') as Suite;
  if (!(suite in SUITE_DEFAULTS)) {
    throw new Error(`--suite ${suite}: one of ${Object.keys(SUITE_DEFAULTS).join(', ')}`);
  }
  const models = benchListOption(argv, 'models', 'last-trend,auto');
  const baselines = benchListOption(argv, 'baselines', '1d,7d');
  const count = Number(benchOption(argv, 'volumes', String(SUITE_DEFAULTS[suite].volumes)));
  const seed = Number(benchOption(argv, 'seed', String(SUITE_DEFAULTS[suite].seed)));
  const horizon = benchOption(argv, 'horizon', '60d');
  const details = argv.includes('--details');
  const horizonMs = parseMs(horizon);
  const methods = [
    ...models.map(trendcastMethod),
    ...(argv.includes('--seed-loop') ? [seedLoopMethod()] : []),
    robustBaselineMethod(),
    ...baselines.map(promMethod),
    ...(argv.includes('--oracle') ? [oracleMethod()] : []),
  ];
  selfCheck(horizon, horizonMs);

  const volumes = suiteVolumes(suite, count, seed);
  const scores = methods.map(() => THRESHOLDS.map(() => emptyScore()));
  const groups = suiteGroups(suite);
  const groupScores = methods.map(() => groups.map(() => emptyScore()));
  const used = methods.map(() => new Map<string, number>());
  const runMs = methods.map(() => 0);
  const detailRows: string[][] = [];
  for (const v of volumes) {
    const horizonEnd = v.lastTime + horizonMs;
    const days = (t: number | null) => (t === null ? 'beyond' : fmt((t - v.lastTime) / DAY, 1));
    const row = [
      v.name,
      `${v.stepMs / 60_000}m`,
      fmt((v.lastTime - v.times[0]) / DAY, 0),
      String(v.cleanups),
      fmt(v.lastSegmentDays, 1),
      fmt(v.ratePerDay, 2),
      String(v.noiseSd),
      `${v.spikes}/${v.gaps}`,
      days(v.truth[90] <= horizonEnd ? v.truth[90] : null),
    ];
    methods.forEach((m, i) => {
      const t0 = performance.now();
      const r = m.run(v, horizon, horizonMs);
      runMs[i] += performance.now() - t0;
      if (r.used) {
        used[i].set(r.used, (used[i].get(r.used) ?? 0) + 1);
      }
      THRESHOLDS.forEach((thr, k) => scoreCall(scores[i][k], r.calls[k], v.truth[thr], horizonEnd, v.lastTime));
      groups.forEach(([, inGroup], g) => {
        if (inGroup(v)) {
          scoreCall(groupScores[i][g], r.calls[0], v.truth[90], horizonEnd, v.lastTime);
        }
      });
      row.push(days(r.calls[0].date));
    });
    detailRows.push(row);
  }

  const inside = (thr: number) => volumes.filter((v) => v.truth[thr] <= v.lastTime + horizonMs).length;
  const printDetails = (): void => {
    console.log('\n### Per volume: true and forecast 90% date, days after the last sample\n');
    console.log(
      markdownTable(
        [
          'volume',
          'step',
          'days',
          'clean-ups',
          'last seg d',
          'rate %/d',
          'noise',
          'spikes/gaps',
          'truth 90%',
          ...methods.map((m) => m.label),
        ],
        detailRows
      )
    );
  };
  const printTimeAndModels = (): void => {
    console.log('\n### Models used and run time\n');
    console.log(
      markdownTable(
        ['method', 'model used (volumes)', `total ms for ${volumes.length} volumes`],
        methods.map((m, i) => [
          m.label,
          used[i].size > 0
            ? [...used[i]]
                .sort()
                .map(([k, n]) => `${k} ×${n}`)
                .join(', ')
            : '–',
          fmt(runMs[i], 0),
        ])
      )
    );
  };
  console.log(`# Trendcast crossing-date benchmark: suite ${suite}\n`);
  console.log(
    `${volumes.length} volumes (seed ${seed}): ${volumes.filter((v) => v.truth[90] <= v.lastTime + horizonMs).length} reach 90% within ${horizon}, ` +
      `${volumes.filter((v) => v.truth[90] > v.lastTime + horizonMs).length} do not.\n`
  );
  THRESHOLDS.forEach((thr, k) => {
    console.log(`### ${thr}% crossing: dates a capacity planner can use\n`);
    console.log(
      markdownTable(
        CAPACITY_HEADER,
        methods.map((m, i) => capacityRow(m.label, scores[i][k]))
      )
    );
    console.log('');
  });
  console.log(
    '### 90% crossing by slice: within 10% of lead time · missed · false alarms · interval coverage · median width\n'
  );
  console.log(
    markdownTable(
      ['slice (volumes)', ...methods.map((m) => m.label)],
      groups.map(([name, inGroup], g) => [
        `${name} (${volumes.filter(inGroup).length})`,
        ...methods.map((_, i) => {
          const sc = groupScores[i][g];
          const cov =
            sc.bandTotal > 0 ? ` · ${pct(sc.covered, sc.bandTotal)} · ${fmt(100 * median(sc.relativeWidths), 0)}%` : '';
          return `${pct(sc.withinTenth, sc.fills)} · ${sc.missedInside} · ${sc.falseInside}${cov}`;
        }),
      ])
    )
  );
  console.log('');
  if (suite !== 'white') {
    printTimeAndModels();
    if (details) {
      printDetails();
    }
    return;
  }
  console.log(
    `${volumes.length} synthetic volumes (seed ${seed}): ${volumes.filter((v) => v.stepMs < HOUR).length} at 5-minute and ` +
      `${volumes.filter((v) => v.stepMs === HOUR).length} at hourly samples, ${volumes.filter((v) => v.cleanups > 0).length} with clean-ups, ` +
      `noise sd ${NOISE_LEVELS.join(' / ')} points; horizon ${horizon}. True 90% date inside the horizon for ${inside(90)}, ` +
      `true 100% date for ${inside(100)}.\n`
  );
  const header = [
    'method',
    'scored',
    'median abs err h',
    'p90 abs err h',
    'median signed err h',
    'band coverage',
    'median band width h (n)',
    'missed (said beyond)',
    'false (truth beyond)',
    'both beyond',
  ];
  THRESHOLDS.forEach((thr, k) => {
    console.log(`### ${thr}% crossing\n`);
    console.log(
      markdownTable(
        header,
        methods.map((m, i) => scoreRow(m.label, scores[i][k]))
      )
    );
    console.log('');
  });
  console.log('### 90% crossing, median abs error (h) by kind of volume (scored volumes in brackets)\n');
  console.log(
    markdownTable(
      ['method', ...groups.map(([name]) => `${name} (${volumes.filter(groups.find(([n]) => n === name)![1]).length})`)],
      methods.map((m, i) => [
        m.label,
        ...groupScores[i].map((s) => `${fmt(median(s.absErrorsH), 1)} (${s.absErrorsH.length})`),
      ])
    )
  );
  printTimeAndModels();
  if (details) {
    printDetails();
  }
}

main(process.argv.slice(2));
