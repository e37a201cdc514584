import { SeriesForecast } from '../models/forecastSeries';
import { LstmStatus } from '../runtime/lstmRefresh';
import { parseConfig } from './config';
import { toLine } from './lineProtocol';
import { BEYOND_MIN_S, expandQuery, measureResiduals, pointsOf, toSourceSeries } from './runService';

const HOUR = 3_600_000;
const RUN = Date.UTC(2025, 0, 1, 12);

const config = parseConfig(`influxdb: { url: "http://127.0.0.1:8086", database: db }
jobs:
  - name: disk
    query: SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host"
    interval: 1h
    range: 2d
    horizon: 3h
    thresholds: [90, 95, 100, 10]
`);
const job = config.jobs[0];

const [src] = toSourceSeries('disk', [
  {
    name: 'disk',
    tags: { host: 'web1', job: 'theirs', empty: '' },
    columns: ['time', 'mean'],
    values: [[RUN - HOUR, 80]],
  },
]);

function forecast(overrides: Partial<SeriesForecast> = {}): SeriesForecast {
  return {
    name: src.raw.name,
    labels: src.raw.labels,
    model: 'linear',
    step: HOUR,
    lastTime: RUN - HOUR,
    anchor: 80,
    forecast: {
      times: [RUN, RUN + HOUR, RUN + 2 * HOUR],
      point: [85, 90, 95],
      lower: [84, 88, 92],
      upper: [86, 92, 98],
      level: 0.95,
    },
    fitted: null,
    crossings: [
      {
        threshold: 90,
        direction: 'rising',
        status: 'crosses',
        time: RUN + HOUR,
        earliest: RUN + 0.5 * HOUR,
        latest: null,
      },
      { threshold: 95, direction: 'rising', status: 'already-beyond', time: null, earliest: null, latest: null },
      { threshold: 100, direction: 'rising', status: 'not-within-horizon', time: null, earliest: null, latest: null },
      { threshold: 10, direction: 'falling', status: 'moves-away', time: null, earliest: null, latest: null },
    ],
    diagnostics: {},
    notices: [],
    problem: null,
    ...overrides,
  };
}

describe('expandQuery', () => {
  it('fills $timeFilter with the range up to the run clock and $__interval with the job interval', () => {
    expect(expandQuery(job, RUN)).toBe(
      `SELECT mean("used_percent") FROM "disk" WHERE time > ${RUN - 2 * 24 * HOUR}ms and time <= ${RUN}ms GROUP BY time(1h), "host"`
    );
  });
});

describe('pointsOf', () => {
  const now = RUN + 10 * 60_000;

  it('writes the forecast at its target times and one crossing per threshold at the run time', () => {
    const lines = pointsOf(job, src, forecast(), null, null, now, RUN).map(toLine);
    expect(lines).toEqual([
      `trendcast_forecast,host=web1,job=disk,measurement=disk,model=linear value=85,lower=84,upper=86,issued_s=${RUN / 1000} ${RUN}`,
      `trendcast_forecast,host=web1,job=disk,measurement=disk,model=linear value=90,lower=88,upper=92,issued_s=${RUN / 1000} ${RUN + HOUR}`,
      `trendcast_forecast,host=web1,job=disk,measurement=disk,model=linear value=95,lower=92,upper=98,issued_s=${RUN / 1000} ${RUN + 2 * HOUR}`,
      // 90 crosses 50 minutes after the clock; the latest edge is null: no field.
      `trendcast_crossing,host=web1,job=disk,measurement=disk,model=linear,threshold=90 time_left_s=3000,status="crosses",direction="rising",horizon_s=6600,at_s=${(RUN + HOUR) / 1000},earliest_s=${(RUN + 0.5 * HOUR) / 1000} ${RUN}`,
      `trendcast_crossing,host=web1,job=disk,measurement=disk,model=linear,threshold=95 time_left_s=0,status="already-beyond",direction="rising",horizon_s=6600 ${RUN}`,
      `trendcast_crossing,host=web1,job=disk,measurement=disk,model=linear,threshold=100 time_left_s=${BEYOND_MIN_S},status="not-within-horizon",direction="rising",horizon_s=6600 ${RUN}`,
      `trendcast_crossing,host=web1,job=disk,measurement=disk,model=linear,threshold=10 time_left_s=${BEYOND_MIN_S},status="moves-away",direction="falling",horizon_s=6600 ${RUN}`,
    ]);
  });

  it('writes nothing for a series without a forecast', () => {
    expect(
      pointsOf(
        job,
        src,
        forecast({ forecast: null, problem: { code: 'no-points', message: 'x' } }),
        null,
        null,
        now,
        RUN
      )
    ).toEqual([]);
  });

  it('writes the drift point; an LSTM reports its own drift score and whether it retrained', () => {
    const drift = { residual: -1, mae: 3, points: 4, score: 3.1 };
    const stat = pointsOf(job, src, forecast(), null, drift, now, RUN).find(
      (p) => p.measurement === 'trendcast_drift'
    )!;
    expect(stat.fields).toEqual({ residual: -1, mae: 3, points: 4, drift: 3.1, drifting: true, retrained: undefined });
    const lstm = {
      action: 'retrain-drift',
      drift: { points: 4, meanAbsError: 3, relative: 0.9 },
    } as unknown as LstmStatus;
    const fromLstm = pointsOf(job, src, forecast({ model: 'lstm' }), lstm, drift, now, RUN).find(
      (p) => p.measurement === 'trendcast_drift'
    )!;
    expect(fromLstm.tags.model).toBe('lstm');
    expect(fromLstm.fields).toMatchObject({ drift: 0.9, drifting: false, retrained: true });
  });
});

describe('measureResiduals', () => {
  it("compares the latest previous run's points with the actual values at the same times", () => {
    const raw = { name: 'x', labels: {}, times: [RUN, RUN + HOUR, RUN + 2 * HOUR], values: [10, 12, null] };
    const previous = [
      // the latest run before this one
      { time: RUN, value: 9, lower: 9 - 1.96, upper: 9 + 1.96, issued: RUN - HOUR },
      { time: RUN + HOUR, value: 14, lower: 14 - 1.96, upper: 14 + 1.96, issued: RUN - HOUR },
      { time: RUN + 2 * HOUR, value: 20, lower: 19, upper: 21, issued: RUN - HOUR },
      // an older run's point: ignored
      { time: RUN - HOUR, value: 50, lower: 49, upper: 51, issued: RUN - 2 * HOUR },
    ];
    const m = measureResiduals(previous, raw, 0.95)!;
    expect(m.points).toBe(2);
    expect(m.residual).toBeCloseTo((1 - 2) / 2, 12);
    expect(m.mae).toBeCloseTo(1.5, 12);
    // Errors 1 and 2 in units of an sd of 1 (a 95 % band of ±1.96).
    expect(m.score).toBeCloseTo(1.5, 3);
    expect(measureResiduals([], raw, 0.95)).toBeNull();
  });
});
