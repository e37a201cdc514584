import { plainDecimal } from './plainDecimal';

/** Units of a Unix epoch timestamp column. */
export const TIME_UNITS = ['s', 'ms', 'us', 'ns'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

const MS_PER_UNIT: Record<TimeUnit, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

const UNIT_WORDS: Record<TimeUnit, string> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
};

/**
 * The unit an epoch number is read in when no `--time-unit` is given, by its magnitude:
 * |t| < 1e11 → seconds (up to the year 5138), < 1e14 → milliseconds (from 1973-03-03),
 * < 1e17 → microseconds, otherwise nanoseconds. Any date between 1973 and 5138 is read right
 * in every unit; seconds before 1973 too (milliseconds of 1970–1973 would be read as seconds).
 */
export function epochUnitOf(t: number): TimeUnit {
  const a = Math.abs(t);
  return a < 1e11 ? 's' : a < 1e14 ? 'ms' : a < 1e17 ? 'us' : 'ns';
}

export function unitWord(unit: TimeUnit): string {
  return UNIT_WORDS[unit];
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** What a cell is as a time: epoch number (unit not decided yet), an ISO date-time, or neither. */
export type TimeCell = { epoch: number } | { ms: number } | null;

/** Classifies one time cell: an epoch number, ISO-8601 / RFC 3339 (as epoch ms), or null. */
export function readTimeCell(text: string): TimeCell {
  const epoch = plainDecimal(text);
  if (!Number.isNaN(epoch)) {
    return { epoch };
  }
  // Require a date shape: Date.parse alone accepts things like "1" or "March".
  if (!DATE_TIME.test(text)) {
    return null;
  }
  const iso = text.replace(' ', 'T');
  // A date-time without a zone is read as UTC, not local time: the output is UTC too.
  const zoned = /T/i.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso + 'Z' : iso;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? { ms } : null;
}

/** Epoch ms of `epoch` read in `unit`. */
export function epochToMs(epoch: number, unit: TimeUnit): number {
  return epoch * MS_PER_UNIT[unit];
}
