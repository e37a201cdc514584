import { seededRandom } from '../engine/stats/seededRandom';
import { epochNumber, readTimeCell } from './timestamps';

describe('epoch cells', () => {
  test('epochNumber reads exactly the texts -?digits(.digits)? and nothing else', () => {
    const pattern = /^-?\d+(\.\d+)?$/;
    const g = seededRandom(17);
    const alphabet = '-+.0123456789e x';
    for (let t = 0; t < 5000; t++) {
      const length = Math.floor(g.uniform() * 8);
      let text = '';
      for (let i = 0; i < length; i++) {
        text += alphabet[Math.floor(g.uniform() * alphabet.length)];
      }
      const expected = pattern.test(text) ? Number(text) : NaN;
      expect([text, epochNumber(text)]).toEqual([text, expected]);
    }
    expect(epochNumber('1704067200')).toBe(1704067200);
    expect(epochNumber('-12.5')).toBe(-12.5);
    for (const bad of ['', '-', '1.', '.5', '+1', '1e9', '0x10', ' 1']) {
      expect(epochNumber(bad)).toBeNaN();
    }
  });

  test('readTimeCell tells epochs from ISO dates', () => {
    expect(readTimeCell('1704067200')).toEqual({ epoch: 1704067200 });
    expect(readTimeCell('2024-01-01T00:00:00Z')).toEqual({ ms: Date.UTC(2024, 0, 1) });
    expect(readTimeCell('2024-01-01 01:00')).toEqual({ ms: Date.UTC(2024, 0, 1, 1) });
    expect(readTimeCell('March')).toBeNull();
  });
});
