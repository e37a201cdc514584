import { dateTimeForTimeZone, dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How finely a date is worth stating: to the hour when its interval is narrow, to the day when wide. */
export type DatePrecision = 'hour' | 'day';

/** Interval widths (latest − earliest) from which a date is stated to the day only. */
export const DAY_PRECISION_FROM = 2 * DAY;

/** The precision an interval supports; an open interval (no latest) supports the day. */
export function datePrecision(earliest: number | null, latest: number | null): DatePrecision {
  if (earliest === null || latest === null) {
    return 'day';
  }
  return latest - earliest < DAY_PRECISION_FROM ? 'hour' : 'day';
}

/**
 * A date for an SRE to act on, in the dashboard time zone: `Mon 7 Dec ~21:00` (nearest hour) or
 * `~Mon 7 Dec` (the day), with the year when it is not the year of `now`. `round` says which way an
 * interval bound goes so that the stated interval still holds the true one ('floor' / 'ceil').
 */
export function formatDate(
  t: number,
  precision: DatePrecision,
  timeZone: TimeZone,
  now: number,
  round: 'nearest' | 'floor' | 'ceil' = 'nearest'
): string {
  const year =
    dateTimeFormat(t, { format: 'YYYY', timeZone }) === dateTimeFormat(now, { format: 'YYYY', timeZone })
      ? ''
      : ' YYYY';
  if (precision === 'day') {
    return `~${dateTimeFormat(t, { format: `ddd D MMM${year}`, timeZone })}`;
  }
  const shifted = round === 'nearest' ? t + HOUR / 2 : round === 'ceil' ? t + HOUR - 1 : t;
  const hour = dateTimeForTimeZone(timeZone, shifted).startOf('hour').valueOf();
  return dateTimeFormat(hour, { format: `ddd D MMM${year} ~HH:00`, timeZone });
}

/** Time from now to `t`: `6 d 23 h`, `7 d`, `5 h`, `< 1 h`, or `~7 d` at day precision. */
export function formatTimeLeft(ms: number, precision: DatePrecision): string {
  if (ms < HOUR) {
    return '< 1 h';
  }
  if (precision === 'day') {
    return `~${Math.round(ms / DAY)} d`;
  }
  const hours = Math.round(ms / HOUR);
  const days = Math.floor(hours / 24);
  if (days === 0) {
    return `${hours} h`;
  }
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** A span such as a horizon: `14 d`, `36 h`, `2 d 12 h`. */
export function formatSpan(ms: number): string {
  const hours = Math.round(ms / HOUR);
  if (hours < 48) {
    return `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** The time zone's name as a viewer knows it: `UTC`, `Europe/Berlin`, or the browser's own zone. */
export function timeZoneName(timeZone: TimeZone): string {
  if (timeZone === 'utc') {
    return 'UTC';
  }
  if (timeZone === 'browser' || timeZone === '') {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'the browser time zone';
  }
  return timeZone;
}
