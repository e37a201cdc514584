/**
 * @jest-environment jsdom
 */
import { Crossing } from '../engine/types';
import { crossingSentence, formatWhen } from './crossingText';

const fmt = (v: number) => `${v}%`;
const NOW = Date.parse('2024-11-20T00:00:00Z');
const T = Date.parse('2024-12-03T14:00:00Z');

describe('crossingSentence', () => {
  const base: Crossing = {
    threshold: 90,
    direction: 'rising',
    status: 'crosses',
    time: T,
    earliest: Date.parse('2024-12-02T09:00:00Z'),
    latest: Date.parse('2024-12-05T20:00:00Z'),
  };

  it('reads like the product promise, in the dashboard time zone', () => {
    expect(crossingSentence('host=web1', base, fmt, 'utc', NOW)).toBe(
      'host=web1 reaches 90% on Tue 3 Dec 14:00 (between Mon 2 Dec 09:00 and Thu 5 Dec 20:00)'
    );
    expect(crossingSentence('host=web1', base, fmt, 'America/New_York', NOW)).toBe(
      'host=web1 reaches 90% on Tue 3 Dec 09:00 (between Mon 2 Dec 04:00 and Thu 5 Dec 15:00)'
    );
  });

  it.each([
    [{ status: 'already-beyond', time: null, earliest: null, latest: null }, 'host=web1 is already at or above 90%'],
    [
      { status: 'moves-away', time: null, earliest: null, latest: null },
      'host=web1 does not reach 90%: the trend moves away from it',
    ],
    [
      { status: 'not-within-horizon', time: null, earliest: null, latest: null },
      'host=web1 does not reach 90% within the horizon',
    ],
    [{ latest: null }, 'host=web1 reaches 90% on Tue 3 Dec 14:00 (from Mon 2 Dec 09:00, latest beyond the horizon)'],
    [
      { direction: 'falling', threshold: 0 },
      'host=web1 falls to 0% on Tue 3 Dec 14:00 (between Mon 2 Dec 09:00 and Thu 5 Dec 20:00)',
    ],
  ] as Array<[Partial<Crossing>, string]>)('%j', (patch, text) => {
    expect(crossingSentence('host=web1', { ...base, ...patch }, fmt, 'utc', NOW)).toBe(text);
  });

  it('adds the year when the date is not in the current year', () => {
    expect(formatWhen(Date.parse('2026-01-05T08:30:00Z'), 'utc', NOW)).toBe('Mon 5 Jan 2026 08:30');
  });
});
