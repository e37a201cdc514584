import { StringDecoder } from 'node:string_decoder';

import { parse, Parser } from 'csv-parse';

/** Receives each record with the (1-based) line it ends on. */
export type RecordSink = (cells: string[], line: number) => void;

/**
 * Offered each plain line first, in place: text[start, end) (no line end, no quotes, no carriage
 * return). True when it has taken the line; false to have it split into cells for the RecordSink.
 */
export type PlainLineSink = (text: string, start: number, end: number, line: number) => boolean;

/** Receives csv-parse's error with the number of lines read before csv-parse took over. */
export type CsvErrorSink = (e: unknown, linesBefore: number) => void;

/** The options the CLI reads CSV with; csv-parse is the reference for every line. */
const CSV_OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: true } as const;

/**
 * The cells of one line (its line end cut off) when it is plain, as csv-parse would read it: cells
 * split on commas, or quoted whole (`"a,b"`, `"say ""hi"""`). Null for anything else (a quote
 * inside a cell, text after a closing quote, a cell open at the line end, a carriage return).
 */
export function plainCells(line: string): string[] | null {
  if (line.indexOf('\r') >= 0) {
    return null;
  }
  if (line.indexOf('"') < 0) {
    return line.split(',');
  }
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) {
          return null;
        }
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      cells.push(value);
      if (i === line.length) {
        return cells;
      }
      if (line.charCodeAt(i) !== 44) {
        return null;
      }
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const cell = line.slice(i, comma < 0 ? line.length : comma);
      if (cell.indexOf('"') >= 0) {
        return null;
      }
      cells.push(cell);
      if (comma < 0) {
        return cells;
      }
      i = comma + 1;
    }
  }
}

/** The cells of text[start, end), a line without quotes or carriage returns, split on commas. */
function commaCells(text: string, start: number, end: number): string[] {
  const cells: string[] = [];
  let from = start;
  for (;;) {
    const comma = text.indexOf(',', from);
    if (comma < 0 || comma >= end) {
      cells.push(text.slice(from, end));
      return cells;
    }
    cells.push(text.slice(from, comma));
    from = comma + 1;
  }
}

/**
 * The CSV records of a stream, the same as csv-parse gives with CSV_OPTIONS, read several times
 * faster: while every line is plain (plainCells) and ends the same way (`\n` or `\r\n`), lines are
 * split here; from the first other line on, csv-parse reads the rest, so its rules and its errors
 * (unclosed quotes, cells over several lines, `\r` line ends) stay the reference.
 */
export class CsvRecords {
  private readonly decoder = new StringDecoder('utf8');
  /** The start of a line whose end has not come yet. */
  private carry = '';
  private lines = 0;
  private lineEnd: '\n' | '\r\n' | null = null;
  private started = false;
  private parser: Parser | null = null;

  constructor(
    private readonly onRecord: RecordSink,
    private readonly onError: CsvErrorSink,
    private readonly onPlainLine: PlainLineSink = () => false
  ) {}

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.parser) {
      this.parser.write(text);
    } else {
      this.split(this.carry + text, false);
    }
  }

  /** After the last chunk: the last line, and csv-parse's end when it took over. */
  end(): Promise<void> {
    const tail = this.decoder.end();
    if (!this.parser) {
      this.split(this.carry + tail, true);
    } else if (tail !== '') {
      this.parser.write(tail);
    }
    const parser = this.parser;
    if (!parser) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      parser.once('end', resolve);
      parser.once('error', () => resolve());
      parser.end();
    });
  }

  private split(text: string, last: boolean): void {
    let start = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    }
    // The next quote and carriage return in the text: a line before both is split on its commas
    // straight from the text (no line string, no second look for them in the line).
    let quote = text.indexOf('"', start);
    let carriage = text.indexOf('\r', start);
    while (start < text.length) {
      let newline = text.indexOf('\n', start);
      if (newline < 0) {
        if (!last) {
          break;
        }
        newline = text.length;
      }
      const cr = newline > start && text.charCodeAt(newline - 1) === 13;
      if (this.lineEnd === null && newline < text.length) {
        this.lineEnd = cr ? '\r\n' : '\n';
      }
      // The last line of the input has no line end; a `\r` there is csv-parse's to read.
      const sameEnd = newline < text.length ? cr === (this.lineEnd === '\r\n') : !cr;
      const end = cr ? newline - 1 : newline;
      if (quote >= 0 && quote < start) {
        quote = text.indexOf('"', start);
      }
      if (carriage >= 0 && carriage < start) {
        carriage = text.indexOf('\r', start);
      }
      if (sameEnd && (quote < 0 || quote >= end) && (carriage < 0 || carriage >= end)) {
        this.lines++;
        if (end > start && !this.onPlainLine(text, start, end, this.lines)) {
          this.onRecord(commaCells(text, start, end), this.lines);
        }
        start = newline + 1;
        continue;
      }
      const line = text.slice(start, end);
      const cells = sameEnd ? plainCells(line) : null;
      if (cells === null) {
        this.handOver(text.slice(start));
        return;
      }
      this.lines++;
      // An empty line is skipped; a line of `""` is a record of one empty cell.
      if (line !== '') {
        this.onRecord(cells, this.lines);
      }
      start = newline + 1;
    }
    this.carry = start < text.length ? text.slice(start) : '';
  }

  /** csv-parse reads on from `text` (the first line it gets is line `lines + 1`). */
  private handOver(text: string): void {
    const before = this.lines;
    const parser = parse(this.lineEnd ? { ...CSV_OPTIONS, record_delimiter: this.lineEnd } : CSV_OPTIONS);
    this.parser = parser;
    this.carry = '';
    // Records arrive synchronously inside parser.write(), one chunk at a time, so the parser's
    // line count is the line the record ends on (its `info` option would cost a copy per record).
    parser.on('data', (record: string[]) => this.onRecord(record, before + parser.info.lines));
    parser.on('error', (e) => this.onError(e, before));
    parser.write(text);
  }
}
