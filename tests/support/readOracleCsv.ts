/**
 * Reads an oracle CSV fixture (tests/fixtures/oracles/**): one header row, comma-separated, `\n`
 * line ends, no quoting (the oracle files never quote).
 *
 * Test support only: it uses node:fs, so the engine must never import it.
 */
import { readFileSync } from 'node:fs';

export interface OracleCsv {
  /** Column names in file order. */
  header: string[];
  /**
   * Every column parsed as numbers, by header name. `NaN`, `nan`, `-nan` and empty cells become
   * NaN, and so does any cell that is not a number (e.g. a UTC date string or `-`); read those
   * from `rows`.
   */
  columns: Record<string, Float64Array>;
  /** The raw cells, one array per data row (header excluded). */
  rows: string[][];
}

/** Parses one cell the way the oracle README defines: `NaN` and empty mean unknown. */
export function parseOracleNumber(cell: string): number {
  const s = cell.trim();
  if (s === '' || s === 'NaN' || s === 'nan' || s === '-nan') {
    return NaN;
  }
  const v = Number(s);
  return Number.isNaN(v) ? NaN : v;
}

/** Reads the CSV at `path` (absolute, or relative to the working directory). */
export function readCsv(path: string): OracleCsv {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n').filter((line) => line.length > 0);
  if (lines.length === 0) {
    return { header: [], columns: {}, rows: [] };
  }
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const columns: Record<string, Float64Array> = {};
  header.forEach((name, c) => {
    const col = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      col[r] = parseOracleNumber(rows[r][c] ?? '');
    }
    columns[name] = col;
  });
  return { header, columns, rows };
}
