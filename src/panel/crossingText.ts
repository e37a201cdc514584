import { dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import { Crossing } from '../engine/types';

/** Formats a time for an SRE to act on: `Tue 3 Dec 14:00`, with the year when it is not this year. */
export function formatWhen(t: number, timeZone: TimeZone, now = Date.now()): string {
  const sameYear =
    dateTimeFormat(t, { format: 'YYYY', timeZone }) === dateTimeFormat(now, { format: 'YYYY', timeZone });
  return dateTimeFormat(t, { format: sameYear ? 'ddd D MMM HH:mm' : 'ddd D MMM YYYY HH:mm', timeZone });
}

/**
 * One line per crossing, e.g.
 * "host=web1 reaches 90% on Tue 3 Dec 14:00 (between Mon 2 Dec 09:00 and Thu 5 Dec 20:00)".
 */
export function crossingSentence(
  series: string,
  c: Crossing,
  formatValue: (v: number) => string,
  timeZone: TimeZone,
  now = Date.now()
): string {
  const thr = formatValue(c.threshold);
  const verb = c.direction === 'rising' ? 'reaches' : 'falls to';
  const when = (t: number) => formatWhen(t, timeZone, now);
  switch (c.status) {
    case 'already-beyond':
      return `${series} is already ${c.direction === 'rising' ? 'at or above' : 'at or below'} ${thr}`;
    case 'moves-away':
      return `${series} does not reach ${thr}: the trend moves away from it`;
    case 'not-within-horizon':
      return c.earliest !== null
        ? `${series} ${verb} ${thr} beyond the horizon (at the earliest ${when(c.earliest)})`
        : `${series} does not reach ${thr} within the horizon`;
    case 'crosses': {
      const range =
        c.earliest !== null
          ? c.latest !== null
            ? ` (between ${when(c.earliest)} and ${when(c.latest)})`
            : ` (from ${when(c.earliest)}, latest beyond the horizon)`
          : '';
      return `${series} ${verb} ${thr} on ${when(c.time!)}${range}`;
    }
  }
}
