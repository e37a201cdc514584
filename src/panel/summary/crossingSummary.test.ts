/**
 * @jest-environment jsdom
 */
import { Crossing, Notice } from '../../engine/types';
import { emptySeriesForecast } from '../../models/forecastSeries';
import { PanelForecast } from '../usePanelForecasts';
import { crossingSummary } from './crossingSummary';
import { valueFormatter } from './formatValue';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-30T20:00:00Z'); // a Monday
const at = (iso: string) => Date.parse(iso);
const percent = valueFormatter('percent', 0);

function crossing(threshold: number, status: Crossing['status'], time?: string, earliest?: string, latest?: string) {
  return {
    threshold,
    direction: 'rising' as const,
    status,
    time: time ? at(time) : null,
    earliest: earliest ? at(earliest) : null,
    latest: latest ? at(latest) : null,
  };
}

/** A forecast of 14 days from NOW with the given crossings (the times are what the summary reads). */
function forecast(host: string, crossings: Crossing[], notices: Notice[] = []): PanelForecast {
  const series = { name: `host=${host}`, displayName: host, labels: { host }, times: [NOW], values: [50] };
  const result = {
    ...emptySeriesForecast(series),
    lastTime: NOW,
    anchor: 50,
    step: HOUR,
    forecast: { times: [NOW + HOUR, NOW + 14 * DAY], point: [50, 51], lower: [49, 50], upper: [51, 52], level: 0.95 },
    crossings,
    notices,
  };
  return { series, result };
}

const DB1 = forecast('db1', [
  crossing(90, 'crosses', '2026-12-07T21:39:00Z', '2026-12-07T21:17:00Z', '2026-12-07T22:01:00Z'),
  crossing(100, 'crosses', '2026-12-13T11:01:00Z', '2026-12-13T10:32:00Z', '2026-12-13T11:30:00Z'),
]);
const WEB2 = forecast('web2', [
  crossing(90, 'crosses', '2026-12-03T08:10:00Z', '2026-12-01T00:00:00Z', '2026-12-06T00:00:00Z'),
  crossing(100, 'not-within-horizon'),
]);
const WEB9 = forecast('web9', [crossing(90, 'already-beyond'), crossing(100, 'not-within-horizon')]);
const CACHE1 = forecast('cache1', [crossing(90, 'moves-away'), crossing(100, 'moves-away')]);
const WEB1 = forecast('web1', [crossing(90, 'not-within-horizon'), crossing(100, 'not-within-horizon')]);

const utc = { formatValue: percent, timeZone: 'utc', now: NOW };
const texts = (s: ReturnType<typeof crossingSummary>) => s.lines.map((l) => l.text);

describe('crossingSummary', () => {
  it('has one line per series, sorted by time left, the rest collapsed; horizon and time zone stated', () => {
    const summary = crossingSummary([CACHE1, DB1, WEB1, WEB2, WEB9], ['c', 'd', 'w1', 'w2', 'w9'], utc, true);
    expect(summary.header).toBe('Threshold crossings within 14 d (to Mon 14 Dec ~20:00), times in UTC');
    expect(texts(summary)).toEqual([
      'host=web9: already above 90%',
      // A 5-day interval supports the day only.
      'host=web2: 90% in ~3 d — ~Thu 3 Dec, between ~Tue 1 Dec and ~Sun 6 Dec',
      // A 44-minute interval supports the hour; its bounds are rounded outwards.
      'host=db1: 90% in 7 d 2 h — Mon 7 Dec ~22:00, between Mon 7 Dec ~21:00 and ~23:00; ' +
        '100% in 12 d 15 h — Sun 13 Dec ~11:00, between Sun 13 Dec ~10:00 and ~12:00',
      '2 others (host=cache1, host=web1) do not reach 90% within 14 d',
    ]);
    expect(summary.lines.map((l) => [l.kind, l.color])).toEqual([
      ['crossing', 'w9'],
      ['crossing', 'w2'],
      ['crossing', 'd'],
      ['quiet', undefined],
    ]);
  });

  it('dates in the dashboard time zone and names it', () => {
    const summary = crossingSummary([DB1], ['d'], { ...utc, timeZone: 'America/New_York' }, true);
    expect(summary.header).toBe('Threshold crossings within 14 d (to Mon 14 Dec ~15:00), times in America/New_York');
    expect(texts(summary)[0]).toMatch(
      /^host=db1: 90% in 7 d 2 h — Mon 7 Dec ~17:00, between Mon 7 Dec ~16:00 and ~18:00;/
    );
  });

  it('collapses many series that reach nothing into one line with their count', () => {
    const fleet = Array.from({ length: 50 }, (_, i) => forecast(`h${i}`, [crossing(90, 'not-within-horizon')]));
    const summary = crossingSummary(fleet, [], utc, true);
    expect(texts(summary)).toEqual(['50 series do not reach 90% within 14 d']);
    expect(crossingSummary([WEB1], [], utc, true).lines[0].text).toBe('host=web1 does not reach 90% within 14 d');
  });

  it('says "fall to" for lower limits, about the highest one', () => {
    const falling = (host: string) =>
      forecast(host, [
        { ...crossing(0, 'not-within-horizon'), direction: 'falling' },
        { ...crossing(10, 'not-within-horizon'), direction: 'falling' },
      ]);
    expect(texts(crossingSummary([falling('a'), falling('b')], [], utc, true))).toEqual([
      '2 series (host=a, host=b) do not fall to 10% within 14 d',
    ]);
  });

  it('keeps problems and the engine notices, merged by message and sorted, also with crossings off', () => {
    const sorted = { code: 'unsorted' as const, message: 'timestamps were out of order and have been sorted' };
    const gaps = { code: 'gaps' as const, message: '3 of 10 steps have no value' };
    const a = forecast('a', [crossing(90, 'not-within-horizon')], [sorted, gaps]);
    const b = forecast('b', [crossing(90, 'not-within-horizon')], [sorted]);
    const broken = {
      ...forecast('x', []),
      result: { ...forecast('x', []).result, problem: { code: 'too-few-points' as const, message: 'too short' } },
    };
    const on = crossingSummary([a, b, broken], ['a', 'b', 'x'], utc, true);
    expect(on.lines.map((l) => [l.kind, l.text])).toEqual([
      ['quiet', '2 series (host=a, host=b) do not reach 90% within 14 d'],
      ['problem', 'host=x: no forecast — too short'],
      ['notice', 'host=a: 3 of 10 steps have no value'],
      ['notice', 'host=a, host=b: timestamps were out of order and have been sorted'],
    ]);
    const off = crossingSummary([a, b, broken], ['a', 'b', 'x'], utc, false);
    expect(off.header).toBe('');
    expect(off.lines.map((l) => l.kind)).toEqual(['problem', 'notice', 'notice']);
  });

  it('formats thresholds with the unit and its decimals', () => {
    const huge = forecast('db1', [{ ...crossing(1.5000000000000001e302, 'already-beyond') }]);
    expect(texts(crossingSummary([huge], [], utc, true))).toEqual(['host=db1: already above 1.5e+302%']);
    const oneDecimal = { ...utc, formatValue: valueFormatter('percent', 1) };
    expect(texts(crossingSummary([WEB9], [], oneDecimal, true))[0]).toBe('host=web9: already above 90.0%');
  });
});
