import { parse } from 'csv-parse/sync';

import { RawSeries } from '../engine/types';
import { seededRandom } from '../engine/stats/seededRandom';
import { parseSeriesCsv, ReadOptions, SeriesReader } from './csvInput';

/**
 * The reader takes the common row of the long form in place (SeriesReader.plainRow) and every other
 * row as cells. Whatever the mix, the series and errors must be those of reading every row as
 * cells, here with csv-parse splitting the whole text (the reference the reader's splitting
 * follows).
 */
function readAsCells(text: string, options: ReadOptions): RawSeries[] {
  const out: RawSeries[] = [];
  const reader = new SeriesReader((s) => void out.push(s), options);
  type Row = { record: string[]; info: { lines: number } };
  const csv = { bom: true, relax_column_count: true, skip_empty_lines: true, info: true } as const;
  const records = parse(text, csv) as unknown as Row[];
  for (const { record, info } of records) {
    reader.record(record, info.lines);
  }
  reader.end();
  return out;
}

const outcome = async (read: () => Promise<RawSeries[]> | RawSeries[]) => {
  try {
    const series = await read();
    return series.map((s) => ({
      name: s.name,
      labels: s.labels,
      times: Array.from(s.times),
      values: Array.from(s.values),
    }));
  } catch (e) {
    return (e as Error).message;
  }
};

describe('rows read in place', () => {
  test('give the series and errors of rows read as cells, on random long-form files', async () => {
    const g = seededRandom(5);
    const pick = <T>(xs: T[]): T => xs[Math.floor(g.uniform() * xs.length)];
    let errors = 0;
    for (let file = 0; file < 300; file++) {
      const named = g.uniform() < 0.8;
      const header = named
        ? pick(['series,timestamp,value', 'timestamp,series,value', 'value,series,time'])
        : 'timestamp,value';
      const cols = header.split(',');
      const unit = pick([1, 1000, 1e9]);
      const lines = [header];
      let series = 'a';
      for (let row = 0; row < 40; row++) {
        const u = g.uniform();
        // Mostly the plain row of the current series; now and then anything a user's file holds.
        if (u < 0.05) {
          series = pick(['a', 'b', 'c', ' b', '']);
        }
        const t = 1_704_067_200 + 3600 * row;
        const cells: Record<string, string> = {
          series,
          timestamp: String(t * unit),
          time: String(t * unit),
          value: (g.uniform() * 100).toFixed(pick([0, 1, 3])),
        };
        const odd = g.uniform();
        if (odd < 0.03) {
          cells.value = pick(['', ' 4.5', 'nan', '1e3', '+2', '-0.25', 'x', '5.', '-']);
        } else if (odd < 0.05) {
          cells.timestamp = cells.time = pick([
            '2024-01-01T05:00:00Z',
            String(t * 1000),
            ` ${t * unit}`,
            '',
            '-5',
            String(t) + '.5',
          ]);
        }
        let line = cols.map((c) => cells[c]).join(',');
        if (odd > 0.985) {
          line = pick([header, `${line},extra`, cols.slice(1).join(','), '#note', '']);
        }
        lines.push(line);
      }
      const text = lines.join(pick(['\n', '\r\n'])) + (g.uniform() < 0.5 ? '\n' : '');
      const options: ReadOptions = g.uniform() < 0.2 ? { timeUnit: pick(['s', 'ms', 'ns'] as const) } : {};
      const inPlace = await outcome(() => parseSeriesCsv(text, options));
      const asCells = await outcome(() => readAsCells(text, options));
      expect(inPlace).toEqual(asCells);
      errors += typeof asCells === 'string' ? 1 : 0;
    }
    // Both outcomes occur: the comparison covers the error paths and the data paths.
    expect(errors).toBeGreaterThan(30);
    expect(errors).toBeLessThan(270);
  });
});
