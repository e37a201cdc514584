import { RawSeries } from '../engine/types';

/** A CSV problem with its place, so the CLI can say "line 7, column 2: …". */
export class InputError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string
  ) {
    super(`line ${line}, column ${column}: ${message}`);
  }
}

const DEFAULT_SERIES = 'value';

/**
 * Reads `timestamp,value` or `series,timestamp,value` CSV (header required, any column order,
 * names case-insensitive). Timestamps are ISO-8601 or Unix seconds; an empty value, `null` or
 * `NaN` is a gap. Throws InputError naming the line and column of the first bad cell.
 */
export function parseSeriesCsv(text: string): RawSeries[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '', 1).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const tCol = col('timestamp') >= 0 ? col('timestamp') : col('time');
  const vCol = col('value');
  const sCol = col('series');
  if (tCol < 0 || vCol < 0) {
    throw new InputError(1, 1, `the header must be "timestamp,value" or "series,timestamp,value", found "${lines[0] ?? ''}"`);
  }
  const bySeries = new Map<string, { times: number[]; values: Array<number | null> }>();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    if (lines[i].trim() === '') {
      continue;
    }
    const cells = splitCsvLine(lines[i], lineNo);
    if (cells.length !== header.length) {
      throw new InputError(lineNo, Math.min(cells.length, header.length) + 1, `expected ${header.length} columns, found ${cells.length}`);
    }
    const time = parseTimestamp(cells[tCol].trim());
    if (time === null) {
      throw new InputError(lineNo, tCol + 1, `"${cells[tCol]}" is not a timestamp (use ISO-8601 like 2024-01-01T00:00:00Z or Unix seconds)`);
    }
    const value = parseValue(cells[vCol].trim());
    if (value === undefined) {
      throw new InputError(lineNo, vCol + 1, `"${cells[vCol]}" is not a number`);
    }
    const name = sCol >= 0 ? cells[sCol].trim() || DEFAULT_SERIES : DEFAULT_SERIES;
    let s = bySeries.get(name);
    if (!s) {
      s = { times: [], values: [] };
      bySeries.set(name, s);
    }
    s.times.push(time);
    s.values.push(value);
  }
  if (bySeries.size === 0) {
    throw new InputError(2, 1, 'the file has a header but no data rows');
  }
  return Array.from(bySeries, ([name, s]): RawSeries => ({ name, labels: sCol >= 0 ? { series: name } : {}, times: s.times, values: s.values }));
}

/** Epoch ms from Unix seconds (integer or decimal) or an ISO-8601 date-time; null when neither. */
export function parseTimestamp(text: string): number | null {
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text) * 1000;
  }
  // Require a date shape: Date.parse alone accepts things like "1" or "March".
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    return null;
  }
  const iso = text.replace(' ', 'T');
  // A date-time without a zone is read as UTC, not local time: the output is UTC too.
  const zoned = /T/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso + 'Z' : iso;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : null;
}

/** A number, null for a gap, undefined when the text is not a value at all. */
function parseValue(text: string): number | null | undefined {
  if (text === '' || /^(nan|null|none|u)$/i.test(text)) {
    return null;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && !/^[+-]?inf(inity)?$/i.test(text)) {
    return undefined;
  }
  return /inf/i.test(text) ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text);
}

/** Splits one CSV line; double-quoted cells may hold commas and "" escapes. */
function splitCsvLine(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (quoted) {
    throw new InputError(lineNo, out.length + 1, 'a quoted cell is not closed');
  }
  out.push(cell);
  return out;
}
