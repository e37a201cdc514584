import { seededRandom } from '../engine/stats/seededRandom';
import { plainDecimal } from './plainDecimal';

/** A text of up to `max` − 1 characters drawn from `alphabet`. */
function randomText(g: ReturnType<typeof seededRandom>, alphabet: string, max: number): string {
  let text = '';
  for (let i = Math.floor(g.uniform() * max); i > 0; i--) {
    text += alphabet[Math.floor(g.uniform() * alphabet.length)];
  }
  return text;
}

describe('plainDecimal', () => {
  test('reads plain decimals to the bit as Number() does', () => {
    const g = seededRandom(23);
    for (let t = 0; t < 20000; t++) {
      const whole = String(Math.floor(g.uniform() * 10 ** Math.floor(g.uniform() * 13)));
      const places = Math.floor(g.uniform() * 9);
      let fraction = '';
      for (let k = 0; k < places; k++) {
        fraction += String(Math.floor(g.uniform() * 10));
      }
      const text = `${g.uniform() < 0.3 ? '-' : ''}${whole}${places > 0 ? '.' + fraction : ''}`;
      expect([text, plainDecimal(text)]).toEqual([text, Number(text)]);
      expect(Object.is(plainDecimal(text), Number(text))).toBe(true);
    }
    expect(plainDecimal('1704067200')).toBe(1704067200);
    expect(Object.is(plainDecimal('-0'), -0)).toBe(true);
    expect(plainDecimal('0.1')).toBe(0.1);
    expect(plainDecimal('123456789.123456789')).toBe(123456789.123456789);
  });

  test('is NaN for anything but -?digits(.digits)?', () => {
    const pattern = /^-?\d+(\.\d+)?$/;
    const g = seededRandom(29);
    const alphabet = '-+.0123456789e x';
    for (let t = 0; t < 5000; t++) {
      const text = randomText(g, alphabet, 8);
      expect([text, plainDecimal(text)]).toEqual([text, pattern.test(text) ? Number(text) : NaN]);
    }
    for (const bad of ['', '-', '1.', '.5', '+1', '1e9', '0x10', ' 1', '1 ', 'NaN', 'Infinity']) {
      expect(plainDecimal(bad)).toBeNaN();
    }
  });

  test('reads a cell in place in its line as it reads the cell alone', () => {
    const g = seededRandom(31);
    const alphabet = '-.0123456789,x';
    for (let t = 0; t < 5000; t++) {
      const line = randomText(g, alphabet, 30);
      const from = Math.floor(g.uniform() * (line.length + 1));
      const to = from + Math.floor(g.uniform() * (line.length - from + 1));
      const cell = line.slice(from, to);
      expect(Object.is(plainDecimal(line, from, to), plainDecimal(cell))).toBe(true);
    }
    expect(plainDecimal('a,-12.5,b', 2, 7)).toBe(-12.5);
    expect(plainDecimal('5,-', 2, 2)).toBeNaN();
    expect(plainDecimal('x,12345678901234567890', 2, 22)).toBe(12345678901234567890);
  });
});
