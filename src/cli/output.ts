import { Crossing } from '../engine/types';
import { SeriesForecast } from '../models/forecastSeries';
import { LstmStatus } from '../runtime/lstmRefresh';
import { lstmStatusSummary } from '../runtime/lstmStatusSummary';
import { OutputFormat, OutputKind } from './args';
import { GridTexts } from './gridTexts';
import { TextBuffer } from './textBuffer';

const iso = (t: number | null) => (t === null || !Number.isFinite(t) ? null : fastIso(t));

let isoDay = NaN;
let isoDayText = '';

/** Where the one-value formatters below write (fastIso, formatRounded). */
const scratch = new TextBuffer();
/** Where a series' forecast rows are written (forecastPointsJson, csvRows). */
const rowsText = new TextBuffer();
/** The start of each of those rows, up to its first value, kept for the next series on the same grid. */
const rowHeads = new GridTexts();

/**
 * `new Date(t).toISOString()`, a few times faster for the many times of one day (a forecast's
 * grid): the date part is kept from the previous call.
 */
export function fastIso(t: number): string {
  return writeIso(scratch.reset(), t).toString();
}

/** fastIso's text, written at the end of `out`. */
function writeIso(out: TextBuffer, t: number): TextBuffer {
  const day = Math.floor(t / 86_400_000);
  if (day !== isoDay) {
    isoDay = day;
    isoDayText = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const ms = t - day * 86_400_000;
  if (!Number.isInteger(ms)) {
    return out.add(new Date(t).toISOString());
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const sec = Math.floor(ms / 1000) % 60;
  const milli = ms % 1000;
  return out
    .add(isoDayText)
    .digits(h, 2)
    .add(':')
    .digits(m, 2)
    .add(':')
    .digits(sec, 2)
    .add('.')
    .digits(milli, 3)
    .add('Z');
}

const num = (v: number) => (Number.isFinite(v) ? v : null);

/** Significant digits kept of a series' scale (its largest magnitude): 71.2345 of 0–100 %. */
export const SIGNIFICANT_DIGITS = 6;

/** Power of ten of the last digit kept for values on `scale`: 95 → -4, 2.5e302 → 297. */
export function quantumOf(scale: number): number {
  return scale > 0 && Number.isFinite(scale) ? Math.floor(Math.log10(scale)) - SIGNIFICANT_DIGITS + 1 : 0;
}

/**
 * `v` rounded to a multiple of 10^quantum, printed as short as it reads (71.23449999 → 71.2345,
 * 1.5000000000000001e+302 → 1.5e+302); null when not finite (JSON has no NaN).
 */
export function roundTo(v: number, quantum: number): number | null {
  if (!Number.isFinite(v)) {
    return null;
  }
  if (v === 0) {
    return 0;
  }
  if (quantum >= -22 && quantum <= 22) {
    // An integer times or divided by an exact power of ten: IEEE rounds it to the double nearest
    // the decimal, which prints as that decimal. Much faster than toPrecision.
    const p = 10 ** Math.abs(quantum);
    const r = quantum < 0 ? Math.round(v * p) / p : Math.round(v / p) * p;
    return r === 0 ? 0 : r;
  }
  const digits = Math.floor(Math.log10(Math.abs(v))) - quantum + 1;
  if (digits < 1) {
    // Below the last kept digit: 0, or one digit when it rounds up to it.
    return Math.abs(v) >= 0.5 * 10 ** quantum ? Number((Math.sign(v) * 10 ** quantum).toPrecision(1)) : 0;
  }
  return Number(v.toPrecision(Math.min(digits, 100)));
}

/** A number rounded to its own 6 significant digits (diagnostics: slopes, correlations). */
export function roundOwn(v: number): number | null {
  return Number.isFinite(v) ? Number(v.toPrecision(SIGNIFICANT_DIGITS)) : null;
}

/** The quantum of a result's values: the largest magnitude of its forecast, band and last value. */
function quantumOfResult(r: SeriesForecast): number {
  let scale = Math.abs(r.anchor ?? 0);
  const f = r.forecast;
  if (f) {
    for (const a of [f.point, f.lower, f.upper]) {
      for (const v of a) {
        const m = Math.abs(v);
        if (m > scale && Number.isFinite(m)) {
          scale = m;
        }
      }
    }
  }
  return quantumOf(Number.isFinite(scale) ? scale : 0);
}

/** Diagnostics keys that hold epoch-ms times (printed as ISO-8601). */
const TIME_DIAGNOSTICS = /(Start|Time|At)$/;

/** Diagnostics with times as ISO-8601 and numbers at their own 6 significant digits. */
function diagnosticsJson(d: SeriesForecast['diagnostics']) {
  const out: Record<string, number | string | boolean | null> = {};
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'number' && TIME_DIAGNOSTICS.test(k) && Math.abs(v) > 1e11) {
      out[k] = iso(v);
    } else if (typeof v === 'number' && !Number.isInteger(v)) {
      out[k] = roundOwn(v);
    } else {
      out[k] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }
  }
  return out;
}

/**
 * The LSTM status of one series in the JSON output: lstmStatusSummary with its times as ISO-8601
 * and non-finite numbers as null (JSON has no NaN); null when the model did not get that far.
 */
function lstmJson(status: LstmStatus | null) {
  if (!status) {
    return null;
  }
  const s = lstmStatusSummary(status);
  const drift = s.drift && { ...s.drift, meanAbsError: num(s.drift.meanAbsError), relative: num(s.drift.relative) };
  return { ...s, trainedAt: iso(s.trainedAt), fineTunedAt: iso(s.fineTunedAt), drift };
}

function crossingJson(c: Crossing) {
  return {
    threshold: c.threshold,
    direction: c.direction,
    status: c.status,
    time: iso(c.time),
    earliest: iso(c.earliest),
    latest: iso(c.latest),
  };
}

/**
 * One series of the public JSON contract (README "Command line"): times ISO-8601 UTC, null where
 * not reached, values rounded to 6 significant digits of the series' scale. With `lstm` (`--model
 * lstm`; null when the model did not get that far) it also has an `lstm` object: action, cache,
 * training, drift and the held-out backtest.
 */
export function seriesJson(r: SeriesForecast, lstm?: LstmStatus | null) {
  const q = quantumOfResult(r);
  const f = r.forecast;
  return {
    name: r.name,
    model: r.model,
    step: Number.isFinite(r.step) ? r.step / 1000 : null,
    forecast: (f?.times ?? []).map((t, k) => ({
      time: iso(t),
      value: roundTo(f!.point[k], q),
      lower: roundTo(f!.lower[k], q),
      upper: roundTo(f!.upper[k], q),
    })),
    crossings: r.crossings.map(crossingJson),
    diagnostics: diagnosticsJson(r.diagnostics),
    notices: r.notices.map((n) => n.message),
    problem: r.problem,
    ...(lstm !== undefined ? { lstm: lstmJson(lstm) } : {}),
  };
}

/** The whole JSON document at once (small outputs, tests); the CLI streams it with JsonWriter. */
export function toJsonOutput(results: SeriesForecast[], lstm?: Array<LstmStatus | null>) {
  return { series: results.map((r, i) => seriesJson(r, lstm ? (lstm[i] ?? null) : undefined)) };
}

/**
 * `v` rounded to 10^quantum as text: the same as String(roundTo(v, quantum)) (but for tiny values
 * written without an exponent), from integers when the quantum is a small negative power: a few
 * times faster than the shortest-double printing String() does, and a fleet prints millions.
 */
export function formatRounded(v: number, quantum: number, empty = 'null'): string {
  return formatRoundedBy(v, quantum, quantum < 0 ? 10 ** -quantum : 1, empty);
}

/**
 * formatRounded with `power` = 10^-quantum given (a series' values share their quantum: the
 * power is worked out once per series, not once per value).
 */
function formatRoundedBy(v: number, quantum: number, power: number, empty: string): string {
  return writeRounded(scratch.reset(), v, quantum, power, empty).toString();
}

/** formatRoundedBy's text, written at the end of `out`. */
function writeRounded(out: TextBuffer, v: number, quantum: number, power: number, empty: string): TextBuffer {
  if (!Number.isFinite(v)) {
    return out.add(empty);
  }
  if (quantum < 0 && quantum >= -15) {
    const n = Math.round(v * power);
    if (Number.isSafeInteger(n)) {
      return out.decimal(n, -quantum);
    }
  }
  return out.add(String(roundTo(v, quantum)));
}

/**
 * The forecast points of one series as JSON objects, `separator` between them ('' when none),
 * written into one buffer (TextBuffer: no rope of small strings).
 */
function forecastPointsJson(r: SeriesForecast, separator: string): string {
  const f = r.forecast;
  if (!f) {
    return '';
  }
  const q = quantumOfResult(r);
  const p = q < 0 ? 10 ** -q : 1;
  const heads = rowHeads.prepare(f.times, `json${separator}`, (out, t, k) => {
    out.add(k > 0 ? separator : '').add('{"time":');
    if (t === null || !Number.isFinite(t)) {
      out.add('null');
    } else {
      writeIso(out.add('"'), t).add('"');
    }
    out.add(',"value":');
  });
  const out = rowsText.reset();
  for (let k = 0; k < f.times.length; k++) {
    writeRounded(heads.copy(out, k), f.point[k], q, p, 'null');
    writeRounded(out.add(',"lower":'), f.lower[k], q, p, 'null');
    writeRounded(out.add(',"upper":'), f.upper[k], q, p, 'null').add('}');
  }
  return out.toString();
}

/**
 * One series as JSON text, the same document as JSON.stringify(seriesJson(r, lstm)) but with the
 * forecast points written directly (the bulk of a fleet's output). `pretty`: indented, one
 * forecast point per line (a 720-point forecast stays 720 lines), nested at `indent`.
 */
export function seriesJsonText(
  r: SeriesForecast,
  lstm: LstmStatus | null | undefined,
  pretty: boolean,
  indent = ''
): string {
  return seriesJsonPieces(r, lstm, pretty, indent).join('');
}

/**
 * seriesJsonText in pieces: the points apart from the text around them. The points are ASCII;
 * the text around them may not be (a series name, a diagnostic's "≥"), and one string holding
 * both would hold every character in two bytes: past 128 KB V8 gives such a string pages of its
 * own, and writing the 10,000-series report spent a third of its time in the kernel.
 */
function seriesJsonPieces(
  r: SeriesForecast,
  lstm: LstmStatus | null | undefined,
  pretty: boolean,
  indent: string
): string[] {
  const { name, model, step, forecast: _forecast, ...rest } = seriesJson({ ...r, forecast: null }, lstm);
  const head = { name, model, step };
  const points = forecastPointsJson(r, pretty ? `,\n${indent}    ` : ',');
  if (!pretty) {
    return [`${JSON.stringify(head).slice(0, -1)},"forecast":[`, points, `],${JSON.stringify(rest).slice(1)}`];
  }
  // Only the small parts are re-indented; the points are written at their depth directly.
  const nest = (text: string) => (indent === '' ? text : text.replace(/\n/g, `\n${indent}`));
  const before = `${nest(JSON.stringify(head, null, 2).slice(0, -2))},\n${indent}  "forecast": `;
  const after = `,\n${indent}${nest(JSON.stringify(rest, null, 2).slice(2))}`;
  return points === '' ? [`${before}[]${after}`] : [`${before}[\n${indent}    `, points, `\n${indent}  ]${after}`];
}

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Forecast rows of one series as CSV: series,time,value,lower,upper. */
function csvRows(r: SeriesForecast): string {
  const f = r.forecast;
  if (!f || f.times.length === 0) {
    return '';
  }
  const q = quantumOfResult(r);
  const p = q < 0 ? 10 ** -q : 1;
  const name = csvCell(r.name);
  const heads = rowHeads.prepare(f.times, 'csv', (out, t) => {
    if (t === null || !Number.isFinite(t)) {
      out.add('null');
    } else {
      writeIso(out, t);
    }
    out.add(',');
  });
  const out = rowsText.reset();
  for (let k = 0; k < f.times.length; k++) {
    writeRounded(heads.copy(out.add(name).add(','), k), f.point[k], q, p, '');
    writeRounded(out.add(','), f.lower[k], q, p, '');
    writeRounded(out.add(','), f.upper[k], q, p, '').add('\n');
  }
  return out.toString();
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon 7 Dec 2026 21:00 UTC`. */
export function readableTime(t: number): string {
  const d = new Date(t);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hm} UTC`;
}

/** `3.5 days`, `7 hours`, `45 minutes`: a span for a sentence. */
export function readableSpan(ms: number): string {
  const abs = Math.abs(ms);
  const [n, unit] =
    abs >= 2 * 86_400_000
      ? [ms / 86_400_000, 'day']
      : abs >= 2 * 3_600_000
        ? [ms / 3_600_000, 'hour']
        : [ms / 60_000, 'minute'];
  const rounded = Math.round(n * 10) / 10;
  return `${rounded} ${unit}${rounded === 1 ? '' : 's'}`;
}

/** Threshold as the user wrote it: `90%` when they gave percentages. */
function thresholdText(c: Crossing, percent: boolean): string {
  return `${c.threshold}${percent ? '%' : ''}`;
}

/** One sentence per crossing: `host=db1 reaches 90% on Mon 7 Dec 2026 21:00 UTC (between … and …), in 6.9 days`. */
export function crossingSentence(r: SeriesForecast, c: Crossing, percent: boolean): string {
  const th = thresholdText(c, percent);
  const verb = c.direction === 'rising' ? 'reaches' : 'falls to';
  switch (c.status) {
    case 'crosses': {
      const latest = c.latest === null ? 'after the horizon' : readableTime(c.latest);
      const earliest = c.earliest === null ? 'now' : readableTime(c.earliest);
      const left = c.time !== null && r.lastTime !== null ? `, in ${readableSpan(c.time - r.lastTime)}` : '';
      return `${r.name} ${verb} ${th} on ${readableTime(c.time!)} (between ${earliest} and ${latest})${left}`;
    }
    case 'already-beyond':
      return `${r.name} is already ${c.direction === 'rising' ? 'at or above' : 'at or below'} ${th}`;
    case 'not-within-horizon': {
      const horizon =
        r.forecast && r.lastTime !== null
          ? ` within ${readableSpan(r.forecast.times[r.forecast.times.length - 1] - r.lastTime)}`
          : ' within the horizon';
      const early = c.earliest !== null ? ` (it may by ${readableTime(c.earliest)})` : '';
      return `${r.name} does not reach ${th}${horizon}${early}`;
    }
    case 'moves-away':
      return `${r.name} moves away from ${th}: not reached`;
  }
}

/** The text lines of one series: one per threshold, or one summary line without thresholds. */
function textLines(r: SeriesForecast, percent: boolean): string[] {
  if (r.problem) {
    return [`${r.name}: no forecast: ${r.problem.message}`];
  }
  if (r.crossings.length > 0) {
    return r.crossings.map((c) => crossingSentence(r, c, percent));
  }
  const f = r.forecast;
  if (!f || f.times.length === 0) {
    return [`${r.name}: no forecast`];
  }
  const q = quantumOfResult(r);
  const k = f.times.length - 1;
  const span = r.lastTime !== null ? readableSpan(f.times[k] - r.lastTime) : 'the horizon';
  return [
    `${r.name}: ${r.model}, ${roundTo(r.anchor ?? NaN, q) ?? '?'} now, ${roundTo(f.point[k], q)} in ${span} (${roundTo(f.lower[k], q)} to ${roundTo(f.upper[k], q)})`,
  ];
}

/** One row of `--output crossings`. */
export interface CrossingRow {
  series: string;
  lastTime: number | null;
  crossing: Crossing;
  result: SeriesForecast;
}

/** Sort key of a crossing row: time left (already-beyond first), then the ones that reach nothing. */
function rank(row: CrossingRow): [number, number] {
  const c = row.crossing;
  if (c.status === 'already-beyond') {
    return [0, 0];
  }
  if (c.status === 'crosses' && c.time !== null) {
    return [1, c.time - (row.lastTime ?? c.time)];
  }
  return [2, c.status === 'not-within-horizon' ? 0 : 1];
}

export function sortCrossings(rows: CrossingRow[]): CrossingRow[] {
  return rows
    .map((row, i) => ({ row, i, key: rank(row) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.i - b.i)
    .map((x) => x.row);
}

const daysLeft = (row: CrossingRow) =>
  row.crossing.time !== null && row.lastTime !== null
    ? Math.round(((row.crossing.time - row.lastTime) / 86_400_000) * 100) / 100
    : null;

function crossingRowJson(row: CrossingRow) {
  return { series: row.series, ...crossingJson(row.crossing), daysLeft: daysLeft(row) };
}

/**
 * One series' share of the output, made without knowing the other series (so a worker thread can
 * make it): its text, and its crossing rows when the writer gathers them for the end.
 */
export interface SeriesPart {
  /** Written one after another; kept apart where joining them would cost (seriesJsonPieces). */
  text: string[];
  crossings: CrossingRow[];
  /** A line for stderr where the output has no place for what happened (a series without a forecast in a crossings report). */
  warning?: string;
}

/**
 * Writes one output form piece by piece: `begin()`, then `add(part(r))` for each result as it is
 * ready, then `end()`: `part` depends on the series alone (a worker thread makes it), `add`
 * joins the parts in input order (separators, the crossings kept for the end). The forecast
 * outputs never hold more than one series; `--output crossings` and the CSV's crossings section
 * keep the crossings (a few numbers per series) to write them at the end.
 */
export interface OutputWriter {
  begin(): string;
  part(r: SeriesForecast, lstm?: LstmStatus | null): SeriesPart;
  /** The part's text with what goes before it, in pieces to write in turn. */
  add(part: SeriesPart): string[];
  end(): string;
}

export interface WriterOptions {
  format: OutputFormat;
  output: OutputKind;
  /** Thresholds were given as percentages (`90%`): the text says so too. */
  percent?: boolean;
}

/**
 * The crossing rows of one series. They are kept to the end of the run, so their result keeps
 * only what a crossing's sentence reads (name, last time); the forecast, fitted values,
 * diagnostics and notices are left out.
 */
function crossingRowsOf(r: SeriesForecast): CrossingRow[] {
  if (r.crossings.length === 0) {
    return [];
  }
  const result: SeriesForecast = { ...r, forecast: null, fitted: null, diagnostics: {}, notices: [] };
  return r.crossings.map((crossing) => ({ series: r.name, lastTime: r.lastTime, crossing, result }));
}

/** Header of the crossings table (`--output crossings --format csv`, and the CSV forecast's second section). */
export const CROSSINGS_CSV_HEADER = 'series,threshold,direction,status,time,earliest,latest,days_left\n';

/** One crossing as a CSV row under CROSSINGS_CSV_HEADER. */
function crossingCsvRow(row: CrossingRow): string {
  const c = crossingJson(row.crossing);
  return `${csvCell(row.series)},${c.threshold},${c.direction},${c.status},${c.time ?? ''},${c.earliest ?? ''},${c.latest ?? ''},${daysLeft(row) ?? ''}\n`;
}

/** The parts of one output form; createWriter joins them. */
interface FormParts {
  begin: string;
  part(r: SeriesForecast, lstm?: LstmStatus | null): SeriesPart;
  /** The text before a series' part: `first` for the first series. */
  separator(first: boolean): string;
  end(rows: CrossingRow[], first: boolean): string;
}

function crossingsOutput(format: OutputFormat, percent: boolean): FormParts {
  return {
    begin: '',
    // A series without a forecast has no crossing rows: stderr says so, or it would vanish.
    part: (r) => ({
      text: [],
      crossings: crossingRowsOf(r),
      ...(r.problem ? { warning: `trendcast: ${r.name}: no forecast: ${r.problem.message}\n` } : {}),
    }),
    separator: () => '',
    end(rows) {
      const sorted = sortCrossings(rows);
      switch (format) {
        case 'json':
          return `{\n  "crossings": [${sorted.map((row) => `\n    ${JSON.stringify(crossingRowJson(row))}`).join(',')}${sorted.length ? '\n  ' : ''}]\n}\n`;
        case 'ndjson':
          return sorted.map((row) => JSON.stringify(crossingRowJson(row)) + '\n').join('');
        case 'csv':
          return CROSSINGS_CSV_HEADER + sorted.map(crossingCsvRow).join('');
        case 'text':
          return sorted.map((row) => crossingSentence(row.result, row.crossing, percent) + '\n').join('');
      }
    },
  };
}

function forecastOutput(format: OutputFormat, percent: boolean): FormParts {
  const textOnly = (...text: string[]): SeriesPart => ({ text, crossings: [] });
  switch (format) {
    case 'json':
      return {
        begin: '{\n  "series": [',
        part: (r, lstm) => textOnly('\n    ', ...seriesJsonPieces(r, lstm, true, '    ')),
        separator: (first) => (first ? '' : ','),
        end: (_rows, first) => `${first ? '' : '\n  '}]\n}\n`,
      };
    case 'ndjson':
      return {
        begin: '',
        part: (r, lstm) => textOnly(...seriesJsonPieces(r, lstm, false, ''), '\n'),
        separator: () => '',
        end: () => '',
      };
    case 'csv':
      // The crossings follow the forecast rows as a second table, after a blank line, in input order.
      return {
        begin: 'series,time,value,lower,upper\n',
        part: (r) => ({ text: [csvRows(r)], crossings: crossingRowsOf(r) }),
        separator: () => '',
        end: (rows) => (rows.length === 0 ? '' : '\n' + CROSSINGS_CSV_HEADER + rows.map(crossingCsvRow).join('')),
      };
    case 'text':
      return {
        begin: '',
        part: (r) => textOnly(textLines(r, percent).join('\n') + '\n'),
        separator: () => '',
        end: () => '',
      };
  }
}

export function createWriter(opts: WriterOptions): OutputWriter {
  const percent = opts.percent ?? false;
  const form =
    opts.output === 'crossings' ? crossingsOutput(opts.format, percent) : forecastOutput(opts.format, percent);
  const rows: CrossingRow[] = [];
  let first = true;
  const add = (part: SeriesPart) => {
    const text = [form.separator(first), ...part.text];
    first = false;
    for (const row of part.crossings) {
      rows.push(row);
    }
    return text;
  };
  return {
    begin: () => form.begin,
    part: form.part,
    add,
    end: () => form.end(rows, first),
  };
}
