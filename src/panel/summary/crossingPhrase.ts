import type { TimeZone } from '@grafana/schema';

import { Crossing } from '../../engine/types';
import { datePrecision, formatDate, formatTimeLeft } from './timeText';

/** What a crossing phrase needs besides the crossing: value format, time zone and the present. */
export interface PhraseContext {
  formatValue: (v: number) => string;
  timeZone: TimeZone;
  now: number;
}

/**
 * One reached threshold of a series, dated as precisely as its interval allows:
 * `90% in 6 d 23 h — Mon 7 Dec ~21:00, between Mon 7 Dec ~21:00 and ~23:00`,
 * `100% in ~9 d — ~Wed 9 Dec, between ~Mon 7 Dec and ~Sat 12 Dec`, or `already above 90%`.
 * Undefined for a threshold not reached within the horizon.
 */
export function crossingPhrase(c: Crossing, ctx: PhraseContext): string | undefined {
  const thr = ctx.formatValue(c.threshold);
  if (c.status === 'already-beyond') {
    return `already ${c.direction === 'rising' ? 'above' : 'below'} ${thr}`;
  }
  if (c.status !== 'crosses' || c.time === null) {
    return undefined;
  }
  const precision = datePrecision(c.earliest, c.latest);
  const date = (t: number, round: 'nearest' | 'floor' | 'ceil') =>
    formatDate(t, precision, ctx.timeZone, ctx.now, round);
  const left = c.time > ctx.now ? `in ${formatTimeLeft(c.time - ctx.now, precision)}` : 'now';
  let interval = '';
  if (c.earliest !== null && c.latest !== null) {
    const from = date(c.earliest, 'floor');
    const to = date(c.latest, 'ceil');
    interval = `, between ${from} and ${sameDayTail(from, to)}`;
  } else if (c.earliest !== null) {
    interval = `, from ${date(c.earliest, 'floor')}, latest beyond the horizon`;
  }
  return `${thr} ${left} — ${date(c.time, 'nearest')}${interval}`;
}

/** `Mon 7 Dec ~23:00` after `Mon 7 Dec ~21:00` reads `~23:00`: the day is not repeated. */
function sameDayTail(from: string, to: string): string {
  const day = (s: string) => s.replace(/ ~\d{2}:\d{2}$/, '');
  return to.includes(' ~') && day(from) === day(to) ? to.slice(day(to).length + 1) : to;
}
