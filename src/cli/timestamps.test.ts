import { readTimeCell } from './timestamps';

describe('epoch cells', () => {
  test('readTimeCell tells epochs from ISO dates', () => {
    expect(readTimeCell('1704067200')).toEqual({ epoch: 1704067200 });
    expect(readTimeCell('2024-01-01T00:00:00Z')).toEqual({ ms: Date.UTC(2024, 0, 1) });
    expect(readTimeCell('2024-01-01 01:00')).toEqual({ ms: Date.UTC(2024, 0, 1, 1) });
    expect(readTimeCell('March')).toBeNull();
  });
});
