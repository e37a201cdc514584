import { CsvError } from 'csv-parse';

import { labelKey } from '../common/labelKey';
import { RawSeries } from '../engine/types';
import { CsvRecords } from './csvRecords';
import { plainDecimal } from './plainDecimal';
import { epochToMs, epochUnitOf, readTimeCell, TimeUnit, unitWord } from './timestamps';

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

export interface ReadOptions {
  /** Unit of epoch timestamps; absent = told apart by magnitude (epochUnitOf). */
  timeUnit?: TimeUnit;
}

/** The input forms, told apart by the header. */
export type InputForm = 'long' | 'influx-1x' | 'influx-2x';

/** Called with each series once all its rows are read; the reader waits for it (backpressure). */
export type SeriesSink = (series: RawSeries) => void | Promise<void>;
type SyncSink = (series: RawSeries) => void;

const DEFAULT_SERIES = 'value';
/** Rows of up to this many columns are read in place (SeriesReader.plainRow). */
const MAX_PLAIN_COLUMNS = 8;
const HEADER_HELP =
  'the header must be "timestamp,value" or "series,timestamp,value", an InfluxDB 1.x CSV export ' +
  '("name,tags,time,<field>…") or InfluxDB 2.x annotated CSV ("…,_time,_value,…")';

/** Columns of an InfluxDB 2.x table that are not tags. */
const FLUX_RESERVED = new Set(['', 'result', 'table', '_start', '_stop', '_time', '_value', '_field', '_measurement']);

/** One series' points, columnar: grows by doubling, no object per row. */
class SeriesBuffer {
  times = new Float64Array(256);
  values = new Float64Array(256);
  n = 0;
  constructor(
    readonly name: string,
    readonly labels: Record<string, string>
  ) {}

  push(t: number, v: number): void {
    if (this.n === this.times.length) {
      const times = new Float64Array(this.n * 2);
      times.set(this.times);
      this.times = times;
      const values = new Float64Array(this.n * 2);
      values.set(this.values);
      this.values = values;
    }
    this.times[this.n] = t;
    this.values[this.n] = v;
    this.n++;
  }

  toRaw(): RawSeries {
    return {
      name: this.name,
      labels: this.labels,
      times: this.times.subarray(0, this.n),
      values: this.values.subarray(0, this.n),
    };
  }
}

/** How the rows of one header are read: which columns hold what. */
interface Layout {
  form: InputForm;
  header: string[];
  timeCol: number;
  /** long: the value column; 2.x: _value. */
  valueCol: number;
  /** long: the series column (-1: one series); 1.x: the tags column. */
  seriesCol: number;
  /** 1.x: the field columns (index, name). */
  fields: Array<[number, string]>;
  /** 2.x: columns of _field, _measurement, result, table and the tags. */
  fieldCol: number;
  measurementCol: number;
  resultCol: number;
  tableCol: number;
  tagCols: number[];
  /** 2.x: the `error` column of an error table (a failed query), else -1. */
  errorCol: number;
}

/** `x`, `b` or `o` (any case): `0x1f`, `0b1`, `0o7` are numbers to Number() but not to us. */
const isRadixLetter = (c: number) => c === 120 || c === 88 || c === 98 || c === 66 || c === 111 || c === 79;

/** A number, NaN for a gap, undefined when the (trimmed) text is not a value at all. */
export function parseValue(text: string): number | undefined {
  // Most cells: a plain decimal, read from its characters.
  const plain = plainDecimal(text);
  if (!Number.isNaN(plain)) {
    return plain;
  }
  if (text !== '') {
    // A trimmed text Number() reads as finite is a decimal number, but for radix prefixes.
    const n = Number(text);
    if (Number.isFinite(n) && !(text.length > 2 && text.charCodeAt(0) === 48 && isRadixLetter(text.charCodeAt(1)))) {
      return n;
    }
  }
  if (text === '' || /^(nan|null|none|u)$/i.test(text)) {
    return NaN;
  }
  if (/^[+-]?inf(inity)?$/i.test(text)) {
    return text.startsWith('-') ? -Infinity : Infinity;
  }
  // Decimal but beyond the doubles (1e400): infinite, which the engine treats as a gap.
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/**
 * `host=db1,path=/` (the tags cell of an InfluxDB 1.x CSV export) as labels. Empty for an
 * ungrouped query. A `\,` or `\=` (line-protocol escapes) stays part of the key or value.
 */
export function parseInfluxTags(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  if (text.trim() === '') {
    return labels;
  }
  for (const pair of text.split(/(?<!\\),/)) {
    const eq = pair.search(/(?<!\\)=/);
    const key = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\\([,= ])/g, '$1');
    labels[key] = eq < 0 ? '' : pair.slice(eq + 1).replace(/\\([,= ])/g, '$1');
  }
  return labels;
}

/**
 * Turns CSV records into series. Knows the three input forms, their headers (repeated headers
 * and 2.x annotation rows included), the time units and how series are grouped: while each
 * series' rows come together, a series is handed to the sink as soon as the next one starts; when
 * the first series' rows are interleaved with others (one row each), every series is buffered and
 * handed over at the end, in order of first appearance.
 */
export class SeriesReader {
  private layout: Layout | null = null;
  /** 2.x: the last #group annotation (true = part of the group key). */
  private group: string[] | null = null;
  private readonly timeUnit?: TimeUnit;
  /** Detected unit of epoch times and the line it was decided on. */
  private epochUnit: { unit: TimeUnit; line: number } | null = null;
  private readonly open = new Map<string, SeriesBuffer>();
  private readonly names = new Map<string, string>();
  private readonly done = new Set<string>();
  private mode: 'undecided' | 'grouped' | 'buffered' = 'undecided';
  private groupKey: string | null = null;
  private groupRows = 0;
  private groupSeries: string[] = [];
  private rows = 0;
  private lastLine = 1;
  series = 0;

  constructor(
    private readonly sink: SyncSink,
    options: ReadOptions = {}
  ) {
    this.timeUnit = options.timeUnit;
  }

  get form(): InputForm | null {
    return this.layout?.form ?? null;
  }

  /** One CSV record ending on `line` (1-based). */
  record(cells: string[], line: number): void {
    this.lastLine = line;
    const first = cells[0] ?? '';
    if (first.startsWith('#')) {
      // InfluxDB 2.x annotations: a new table (and header) follows.
      if (first === '#group') {
        this.group = cells;
      }
      this.layout = null;
      return;
    }
    if (cells.length === 1 && first.trim() === '') {
      return;
    }
    if (!this.layout) {
      this.layout = this.readHeader(cells, line);
      return;
    }
    const layout = this.layout;
    if (this.isHeaderAgain(cells)) {
      // A repeated header (several tables or exports concatenated): read it anew.
      this.layout = this.readHeader(cells, line);
      return;
    }
    if (layout.errorCol >= 0) {
      throw new InputError(
        line,
        layout.errorCol + 1,
        `the file holds an InfluxDB error, not data: ${cells[layout.errorCol] ?? ''}`
      );
    }
    if (cells.length !== layout.header.length) {
      throw new InputError(
        line,
        Math.min(cells.length, layout.header.length) + 1,
        `expected ${layout.header.length} columns, found ${cells.length}`
      );
    }
    const time = this.time(cells[layout.timeCol].trim(), line, layout.timeCol + 1);
    if (layout.form === 'long') {
      const name = layout.seriesCol >= 0 ? cells[layout.seriesCol].trim() || DEFAULT_SERIES : DEFAULT_SERIES;
      this.enterGroup(name);
      this.point(
        name,
        () => ({ name, labels: layout.seriesCol >= 0 ? { series: name } : ({} as Record<string, string>) }),
        time,
        cells,
        layout.valueCol,
        line
      );
    } else if (layout.form === 'influx-1x') {
      const measurement = cells[0];
      const tagsText = cells[layout.seriesCol];
      this.enterGroup(`${measurement}\u0000${tagsText}`);
      for (const [col, field] of layout.fields) {
        const key = `${measurement}\u0000${tagsText}\u0000${field}`;
        this.point(
          key,
          () => this.influxNaming(measurement, field, parseInfluxTags(tagsText), layout.fields.length > 1),
          time,
          cells,
          col,
          line
        );
      }
    } else {
      const measurement = layout.measurementCol >= 0 ? cells[layout.measurementCol] : '';
      const field = layout.fieldCol >= 0 ? cells[layout.fieldCol] : '';
      const tags: Record<string, string> = {};
      for (const c of layout.tagCols) {
        tags[layout.header[c]] = cells[c];
      }
      const result = layout.resultCol >= 0 ? cells[layout.resultCol] : '';
      const table = layout.tableCol >= 0 ? cells[layout.tableCol] : '';
      this.enterGroup(`${result}\u0000${table}`);
      const key = `${measurement}\u0000${field}\u0000${labelKey(tags)}`;
      this.point(key, () => this.influxNaming(measurement, field, tags, true), time, cells, layout.valueCol, line);
    }
    this.rows++;
  }

  /**
   * A data row of the long form read in place from the line's text, text[start, end): no cell
   * strings, the times and values read from their characters (most of a fleet file's reading time
   * was spent making and trimming the cells of rows like `vol-00042,1704067200,45.125`). Only the
   * common row is read here: the current series again, plain numbers, no spaces, an epoch in the
   * unit already seen. Anything else (a new series, a header, an ISO time, a gap, an error) returns
   * false before changing anything, and the row goes through `record` as every row did before.
   */
  plainRow(text: string, start: number, end: number, line: number): boolean {
    const layout = this.layout;
    if (layout === null || layout.form !== 'long' || text.charCodeAt(start) === 35) {
      return false;
    }
    const columns = layout.header.length;
    if (columns > MAX_PLAIN_COLUMNS) {
      return false;
    }
    // Cell c is text[bounds[c], bounds[c + 1] − 1).
    const bounds = this.bounds;
    bounds[0] = start;
    let cells = 1;
    for (let comma = text.indexOf(',', start); comma >= 0 && comma < end; comma = text.indexOf(',', comma + 1)) {
      if (cells === columns) {
        return false;
      }
      bounds[cells++] = comma + 1;
    }
    if (cells !== columns) {
      return false;
    }
    bounds[cells] = end + 1;
    const epoch = plainDecimal(text, bounds[layout.timeCol], bounds[layout.timeCol + 1] - 1);
    const value = plainDecimal(text, bounds[layout.valueCol], bounds[layout.valueCol + 1] - 1);
    const unit = this.timeUnit ?? this.epochUnit?.unit;
    if (Number.isNaN(epoch) || Number.isNaN(value) || unit === undefined) {
      return false;
    }
    if (this.timeUnit === undefined && epochUnitOf(epoch) !== unit) {
      return false;
    }
    const key = this.groupKey;
    const current = this.current;
    if (key === null || current === null || current.key !== key) {
      return false;
    }
    if (layout.seriesCol >= 0) {
      const from = bounds[layout.seriesCol];
      const to = bounds[layout.seriesCol + 1] - 1;
      if (to - from !== key.length || !text.startsWith(key, from)) {
        return false;
      }
    } else if (key !== DEFAULT_SERIES) {
      return false;
    }
    this.lastLine = line;
    this.groupRows++;
    current.buffer.push(epochToMs(epoch, unit), value);
    this.rows++;
    return true;
  }

  /** Cell starts of the row plainRow reads (one array for every row). */
  private readonly bounds = new Int32Array(MAX_PLAIN_COLUMNS + 1);
  /** The series the last point went to: plainRow adds to it while its rows go on. */
  private current: { key: string; buffer: SeriesBuffer } | null = null;

  /** After the last record: hands over what is still buffered. */
  end(): void {
    if (!this.layout && this.rows === 0) {
      throw new InputError(1, 1, this.lastLine > 1 ? HEADER_HELP : 'the input is empty');
    }
    if (this.rows === 0) {
      throw new InputError(this.lastLine + 1, 1, 'the file has a header but no data rows');
    }
    this.flush(Array.from(this.open.keys()));
  }

  private readHeader(cells: string[], line: number): Layout {
    const header = cells.map((h) => h.trim());
    const lower = header.map((h) => h.toLowerCase());
    const col = (name: string) => lower.indexOf(name);
    const base: Layout = {
      form: 'long',
      header,
      timeCol: -1,
      valueCol: -1,
      seriesCol: -1,
      fields: [],
      fieldCol: -1,
      measurementCol: -1,
      resultCol: -1,
      tableCol: -1,
      tagCols: [],
      errorCol: -1,
    };
    if (header[0] === '' && col('error') >= 0 && col('_time') < 0) {
      // A 2.x query that failed: `#datatype,string,string` … `,error,reference` and the message.
      return { ...base, form: 'influx-2x', errorCol: col('error') };
    }
    if (col('_time') >= 0 && col('_value') >= 0) {
      const group = this.group && this.group.length === header.length ? this.group : null;
      return {
        ...base,
        form: 'influx-2x',
        timeCol: col('_time'),
        valueCol: col('_value'),
        fieldCol: col('_field'),
        measurementCol: col('_measurement'),
        resultCol: col('result'),
        tableCol: col('table'),
        tagCols: header
          .map((h, i) => i)
          .filter((i) => !FLUX_RESERVED.has(header[i]) && (!group || group[i] === 'true')),
      };
    }
    if (lower[0] === 'name' && lower[1] === 'tags' && lower[2] === 'time' && header.length > 3) {
      return {
        ...base,
        form: 'influx-1x',
        timeCol: 2,
        seriesCol: 1,
        fields: header.slice(3).map((f, i): [number, string] => [i + 3, f]),
      };
    }
    const timeCol = col('timestamp') >= 0 ? col('timestamp') : col('time');
    const valueCol = col('value');
    if (timeCol < 0 || valueCol < 0) {
      throw new InputError(line, 1, `${HEADER_HELP}, found "${cells.join(',')}"`);
    }
    return { ...base, timeCol, valueCol, seriesCol: col('series') };
  }

  private isHeaderAgain(cells: string[]): boolean {
    const layout = this.layout!;
    if (layout.form === 'influx-2x' && cells[0] === '' && cells[1] === 'result') {
      // A table with other columns after a blank line, without annotations.
      return true;
    }
    const t = cells[layout.timeCol];
    // Times start with a digit or a sign; only a word can be the header's name again.
    const c = t === undefined ? 48 : t.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 45 || c === 43) {
      return false;
    }
    return t.trim().toLowerCase() === layout.header[layout.timeCol].toLowerCase();
  }

  /** Epoch ms of a time cell; epoch numbers in the forced or detected unit (one per input). */
  private time(text: string, line: number, column: number): number {
    const epoch = plainDecimal(text);
    if (Number.isNaN(epoch)) {
      const cell = readTimeCell(text);
      if (cell === null) {
        throw new InputError(
          line,
          column,
          `"${text}" is not a timestamp (use ISO-8601 like 2024-01-01T00:00:00Z or Unix epoch seconds, ms, µs or ns)`
        );
      }
      if ('ms' in cell) {
        return cell.ms;
      }
      return this.epochMs(cell.epoch, text, line, column);
    }
    return this.epochMs(epoch, text, line, column);
  }

  /** Epoch ms of an epoch number, in the forced unit or the one detected on the first (one per input). */
  private epochMs(epoch: number, text: string, line: number, column: number): number {
    if (this.timeUnit) {
      return epochToMs(epoch, this.timeUnit);
    }
    const unit = epochUnitOf(epoch);
    if (!this.epochUnit) {
      this.epochUnit = { unit, line };
    } else if (unit !== this.epochUnit.unit) {
      const was = this.epochUnit;
      throw new InputError(
        line,
        column,
        `"${text}" looks like epoch ${unitWord(unit)}, but line ${was.line} has ${unitWord(was.unit)}: one unit per file (--time-unit s|ms|us|ns forces one)`
      );
    }
    return epochToMs(epoch, unit);
  }

  /** The series of a row changes: in grouped input the previous group is complete. */
  private enterGroup(key: string): void {
    if (key === this.groupKey) {
      this.groupRows++;
      return;
    }
    if (this.groupKey !== null && this.mode === 'undecided') {
      this.mode = this.groupRows >= 2 ? 'grouped' : 'buffered';
    }
    if (this.mode === 'grouped') {
      this.flush(this.groupSeries);
    }
    this.groupKey = key;
    this.groupRows = 1;
    this.groupSeries = [];
  }

  private point(
    key: string,
    naming: () => { name: string; labels: Record<string, string> },
    time: number,
    cells: string[],
    col: number,
    line: number
  ): void {
    const value = parseValue(cells[col].trim());
    if (value === undefined) {
      // A 1.x query without GROUP BY puts the tags in columns of their own, beside the fields.
      const hint =
        this.layout?.form === 'influx-1x' && cells[1] === ''
          ? ` (is "${this.layout.header[col]}" a tag? export with GROUP BY ${this.layout.header[col]} to get it in the tags column)`
          : '';
      throw new InputError(line, col + 1, `"${cells[col]}" is not a number${hint}`);
    }
    let buffer = this.open.get(key);
    if (!buffer) {
      if (this.done.has(key)) {
        throw new InputError(
          line,
          1,
          `series "${this.names.get(key)}" appears again after other series; the rows of each series must come together, or all series be interleaved from the first rows on`
        );
      }
      const { name, labels } = naming();
      buffer = new SeriesBuffer(name, labels);
      this.open.set(key, buffer);
      this.names.set(key, name);
      this.groupSeries.push(key);
    }
    buffer.push(time, value);
    if (this.current?.buffer !== buffer) {
      this.current = { key, buffer };
    }
  }

  /**
   * InfluxDB series are named by their tags (`host=db1, path=/`), as the data source names them;
   * `_field` joins when a file has several fields (2.x: always, a table's group key has it), and
   * `_measurement` when two measurements share a tag set. No tags and one field: `disk.used`.
   */
  private influxNaming(measurement: string, field: string, tags: Record<string, string>, withField: boolean) {
    let labels = withField ? { ...tags, _field: field } : { ...tags };
    let name = labelKey(labels) || `${measurement}.${field}`;
    if (this.takenNames.has(name)) {
      labels = { ...labels, _measurement: measurement };
      name = labelKey(labels);
    }
    this.takenNames.add(name);
    return { name, labels };
  }

  private readonly takenNames = new Set<string>();

  private flush(keys: string[]): void {
    for (const key of keys) {
      const buffer = this.open.get(key);
      if (!buffer) {
        continue;
      }
      this.open.delete(key);
      this.done.add(key);
      if (this.current?.key === key) {
        this.current = null;
      }
      this.series++;
      this.sink(buffer.toRaw());
    }
  }
}

/**
 * csv-parse's own error (bad quotes and the like) as an InputError with its place; `linesBefore`:
 * the lines read before csv-parse took over (CsvRecords).
 */
function csvError(e: unknown, linesBefore: number): unknown {
  if (!(e instanceof CsvError) || typeof e.lines !== 'number') {
    return e;
  }
  const line = linesBefore + e.lines;
  const column = typeof e.column === 'number' ? e.column + 1 : 1;
  const messages: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted cell is not closed',
    CSV_INVALID_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote',
    INVALID_OPENING_QUOTE: 'a quote inside a cell that does not start with one (quote the whole cell, "like ""this""")',
  };
  const message = messages[e.code] ?? e.message.replace(/ at line \d+.*$/s, '');
  return new InputError(line, column, message);
}

/**
 * Reads series CSV from a stream (CsvRecords: csv-parse's reading of quoted cells, BOM, CRLF) and
 * hands each series to `sink` when complete (see SeriesReader), waiting for it before reading on,
 * so memory holds one input chunk and the series not yet complete. Throws InputError naming the
 * line and column of the first bad cell. Returns the input form and the number of series.
 */
export async function readSeries(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  sink: SeriesSink,
  options: ReadOptions = {}
): Promise<{ form: InputForm | null; series: number }> {
  const complete: RawSeries[] = [];
  const reader = new SeriesReader((s) => void complete.push(s), options);
  let failed: unknown = null;
  const records = new CsvRecords(
    (record, line) => {
      if (failed === null) {
        try {
          reader.record(record, line);
        } catch (e) {
          failed = e;
        }
      }
    },
    (e, linesBefore) => {
      failed ??= csvError(e, linesBefore);
    },
    // After a failure the rows are taken and dropped, as the record sink drops them.
    (text, start, end, line) => failed !== null || reader.plainRow(text, start, end, line)
  );
  const handOver = async () => {
    for (let i = 0; i < complete.length && failed === null; i++) {
      await sink(complete[i]);
    }
    complete.length = 0;
  };
  for await (const chunk of input) {
    records.write(chunk);
    if (failed === null) {
      await handOver();
    }
    if (failed !== null) {
      throw failed;
    }
  }
  await records.end();
  if (failed === null) {
    reader.end();
    await handOver();
  }
  if (failed !== null) {
    throw failed;
  }
  return { form: reader.form, series: reader.series };
}

/** All series of a CSV text (tests, small inputs). */
export async function parseSeriesCsv(text: string, options: ReadOptions = {}): Promise<RawSeries[]> {
  const out: RawSeries[] = [];
  await readSeries([text], (s) => void out.push(s), options);
  return out;
}
