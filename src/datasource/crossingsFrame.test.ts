/**
 * @jest-environment jsdom
 */
import { FieldMatcherID, fieldMatchers, FieldType } from '@grafana/data';

import { forecastFitted } from '../models/forecastSeries';
import { validForecastOptions } from '../models/forecastOptions';
import { crossingsFrame, timeLeftSeconds } from './crossingsFrame';
import { close, exactLine, HOUR, T0 } from '../common/testing/exactLine';

describe('crossingsFrame', () => {
  const now = T0 + 9 * HOUR;
  const rising = exactLine('db1');
  const other = {
    ...exactLine('web1', 0.25, 95),
    labels: { host: 'web1', path: '/var' },
    name: 'host=web1, path=/var',
  };
  const request = { model: 'linear' as const, horizon: '4h', thresholds: [55, 100], direction: 'rising' as const };
  const frame = crossingsFrame(
    [rising, other].map((s) => ({ series: s, result: forecastFitted(s, validForecastOptions(request)) })),
    now,
    'A'
  );
  const column = (name: string) => Array.from(frame.fields.find((f) => f.name === name)!.values as ArrayLike<unknown>);

  it('has one row per series and threshold, labels as their own fields', () => {
    expect(frame.name).toBe('crossings');
    expect(frame.fields.map((f) => f.name)).toEqual([
      'series',
      'host',
      'path',
      'threshold',
      'direction',
      'status',
      'time',
      'earliest',
      'latest',
      'time_left_s',
    ]);
    expect(column('series')).toEqual(['host=db1', 'host=db1', 'host=web1, path=/var', 'host=web1, path=/var']);
    expect(column('host')).toEqual(['db1', 'db1', 'web1', 'web1']);
    expect(column('path')).toEqual(['', '', '/var', '/var']);
    expect(column('threshold')).toEqual([55, 100, 55, 100]);
    expect(column('direction')).toEqual(['rising', 'rising', 'rising', 'rising']);
  });

  it('dates the crossings and counts the seconds left from now', () => {
    // db1 reaches 55 one hour after its last point (54.5 + 0.5/h); 100 is beyond the 4 h horizon.
    // web1 is at 97.25: already beyond 55, and reaches 100 at 97.25 + 0.25 × 11 → 11 h later.
    expect(column('status')).toEqual(['crosses', 'not-within-horizon', 'already-beyond', 'not-within-horizon']);
    const time = column('time') as Array<number | null>;
    expect(close(time[0]!, T0 + 10 * HOUR)).toBe(true);
    expect(time.slice(1)).toEqual([null, null, null]);
    const left = column('time_left_s') as Array<number | null>;
    expect(left).toEqual([3600, null, 0, null]);
    expect(frame.fields.find((f) => f.name === 'time')!.type).toBe(FieldType.time);
  });

  it('lets a "fields with name" override on `time` match that field only', () => {
    const byName = fieldMatchers.get(FieldMatcherID.byName).get('time');
    expect(frame.fields.filter((f) => byName(f, frame, [frame])).map((f) => f.name)).toEqual(['time']);
  });

  it('renames a label that would shadow a fixed field', () => {
    const s = { ...exactLine('db1'), labels: { status: 'prod' }, name: 'status=prod' };
    const f = crossingsFrame([{ series: s, result: forecastFitted(s, validForecastOptions(request)) }], now, 'A');
    expect(f.fields.map((x) => x.name)).toContain('label_status');
  });
});

describe('timeLeftSeconds', () => {
  it.each([
    ['crosses', 10_000, 4_000, 6],
    ['crosses', 1_000, 4_000, -3],
    ['already-beyond', null, 4_000, 0],
    ['not-within-horizon', null, 4_000, null],
    ['moves-away', null, 4_000, null],
  ])('%s at %p from %p → %p', (status, time, now, expected) => {
    expect(timeLeftSeconds(status, time, now)).toBe(expected);
  });
});
