import { seededRandom } from '../engine/stats/seededRandom';
import { TextBuffer } from './textBuffer';

describe('TextBuffer', () => {
  test('reads back what was written: slices of text (non-ASCII included) and padded digits, past its first size', () => {
    const g = seededRandom(17);
    const pieces = ['{"time":', 'höst', '日本', '😀', ',', '', '0.125', '\n    '];
    const text = new TextBuffer();
    for (let t = 0; t < 50; t++) {
      text.reset();
      let expected = '';
      // Up to about 130,000 bytes: the buffer starts at 65,536 and has to grow.
      for (let i = Math.floor(g.uniform() * 20_000); i > 0; i--) {
        if (g.uniform() < 0.5) {
          const v = Math.floor(g.uniform() * 10 ** Math.floor(g.uniform() * 16));
          const width = Math.floor(g.uniform() * 4);
          text.digits(v, width);
          expected += String(v).padStart(width, '0');
        } else {
          const s = pieces[Math.floor(g.uniform() * pieces.length)];
          // (Not into the middle of a surrogate pair: half a character has no UTF-8.)
          const from = s === '😀' ? 0 : Math.floor(g.uniform() * (s.length + 1));
          text.add(s, from);
          expected += s.slice(from);
        }
      }
      expect(text.toString()).toBe(expected);
    }
  });

  test('writes integers as decimals with the point put back, as string surgery on their digits does', () => {
    const g = seededRandom(23);
    const expected = (n: number, places: number): string => {
      if (n === 0) {
        return '0';
      }
      const digits = String(Math.abs(n)).padStart(places + 1, '0');
      const whole = places === 0 ? digits : digits.slice(0, -places);
      const fraction = places === 0 ? '' : digits.slice(-places).replace(/0+$/, '');
      return `${n < 0 ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
    };
    const text = new TextBuffer();
    const cases: Array<[number, number]> = [
      [-12340, 3],
      [5, 2],
      [0, 4],
      [100, 2],
      [Number.MAX_SAFE_INTEGER, 15],
      [-Number.MAX_SAFE_INTEGER, 0],
      [9_007_199_254_740_990, 1],
    ];
    for (let i = 0; i < 20_000; i++) {
      const size = 10 ** Math.floor(g.uniform() * 16);
      const n = Math.round((g.uniform() - 0.5) * 2 * size) * (g.uniform() < 0.3 ? 1000 : 1);
      cases.push([Number.isSafeInteger(n) ? n : 7, Math.floor(g.uniform() * 16)]);
    }
    for (const [n, places] of cases) {
      expect(text.reset().add('x').decimal(n, places).toString()).toBe(`x${expected(n, places)}`);
    }
  });

  test('grows for the bytes of non-ASCII text, not its characters', () => {
    // Two characters, six bytes, written when two bytes are left of the first 65,536.
    const text = new TextBuffer().add('x'.repeat(65_534)).add('日本');
    expect(text.toString()).toBe('x'.repeat(65_534) + '日本');
  });
});
