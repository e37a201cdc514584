import { parse } from 'csv-parse';

import { CsvRecords, plainCells } from './csvRecords';

type Read = { records: string[]; error: string | null };

/** What csv-parse alone reads from `chunks`: each record with its line, or its error's code and place. */
function byCsvParse(chunks: Buffer[]): Promise<Read> {
  return new Promise((resolve) => {
    const records: string[] = [];
    const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
    parser.on('data', (r: string[]) => records.push(`${parser.info.lines}:${JSON.stringify(r)}`));
    parser.on('error', (e: { code: string; lines: number; column?: number }) =>
      resolve({ records, error: `${e.code}@${e.lines}:${e.column}` })
    );
    parser.on('end', () => resolve({ records, error: null }));
    for (const c of chunks) {
      parser.write(c);
    }
    parser.end();
  });
}

async function byCsvRecords(chunks: Buffer[]): Promise<Read> {
  const records: string[] = [];
  let error: string | null = null;
  const reader = new CsvRecords(
    (r, line) => records.push(`${line}:${JSON.stringify(r)}`),
    (e, before) => {
      const err = e as { code: string; lines: number; column?: number };
      error ??= `${err.code}@${err.lines + before}:${err.column}`;
    }
  );
  for (const c of chunks) {
    reader.write(c);
  }
  await reader.end();
  return { records, error };
}

/** A small deterministic generator (the same texts on every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `text` in pieces of random sizes (multi-byte characters cut in two included). */
function chunked(text: string, random: () => number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(random() * 12);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe('plainCells', () => {
  it('splits plain lines and whole quoted cells, and leaves the rest to csv-parse', () => {
    expect(plainCells('a,1,')).toEqual(['a', '1', '']);
    expect(plainCells('disk,"host=a,path=/",1')).toEqual(['disk', 'host=a,path=/', '1']);
    expect(plainCells('"say ""hi""",""')).toEqual(['say "hi"', '']);
    expect(plainCells('a"b,1')).toBeNull();
    expect(plainCells('"a" ,1')).toBeNull();
    expect(plainCells('"open,1')).toBeNull();
    expect(plainCells('a\rb')).toBeNull();
  });
});

describe('CsvRecords', () => {
  it.each([
    ['plain, LF', 'series,timestamp,value\na,1,2\n\nb,3,4\n'],
    ['CRLF, BOM, no last line end', '\ufeffa,b\r\n1,2\r\n\r\n3,4'],
    ['CR line ends', 'a,b\r1,2\r3,4\r'],
    ['a CR line end after LF ones', 'a,b\n1,2\r\n3,4\n'],
    ['an LF line end after CRLF ones', 'a,b\r\n1,2\n3,4\r\n'],
    ['a quoted cell over two lines', 'a,b\n1,"x\ny"\n3,4\n'],
    ['quoted tags', 'name,tags,time,used\ndisk,"host=a,path=/",1,2\ndisk,"host=b,path=""/x""",1,3\n'],
    ['an unclosed quote', 'a,b\n1,2\n3,"4\n5,6\n'],
    ['text after a closing quote', 'a,b\n1,2\n3,"4"x\n'],
    ['a quote inside a cell', 'a,b\n1,2\n3,4"x"\n'],
    ['blank and quoted-empty lines', 'a,b\n \n""\n,\n1,2\n'],
    ['a trailing CR at the end', 'a,b\n1,2\r'],
    ['multi-byte text', 'série,valeur\né,1\n€,2\n'],
  ])('reads %s as csv-parse does', async (_what, text) => {
    const random = lcg(7);
    for (let round = 0; round < 5; round++) {
      const chunks = round === 0 ? [Buffer.from(text)] : chunked(text, random);
      expect(await byCsvRecords(chunks)).toEqual(await byCsvParse(chunks));
    }
  });

  it('reads random texts of commas, quotes and line ends as csv-parse does', async () => {
    const random = lcg(11);
    const alphabet = ['a', '1', ',', ',', '"', '\n', '\n', '\r\n', '\r', ' ', 'é'];
    let differ = 0;
    let errors = 0;
    for (let k = 0; k < 400; k++) {
      const length = 1 + Math.floor(random() * 40);
      let text = 'x,y\n';
      for (let i = 0; i < length; i++) {
        text += alphabet[Math.floor(random() * alphabet.length)];
      }
      const chunks = chunked(text, random);
      const mine = await byCsvRecords(chunks);
      const reference = await byCsvParse(chunks);
      errors += reference.error ? 1 : 0;
      if (JSON.stringify(mine) !== JSON.stringify(reference)) {
        differ++;
        expect({ text, ...mine }).toEqual({ text, ...reference });
      }
    }
    expect(differ).toBe(0);
    // The texts reach csv-parse's errors too, not only clean records.
    expect(errors).toBeGreaterThan(20);
  });
});
