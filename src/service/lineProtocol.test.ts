import { toLine } from './lineProtocol';

describe('toLine', () => {
  it('escapes names, sorts tags, quotes strings and drops empty tags and non-finite fields', () => {
    expect(
      toLine({
        measurement: 'trendcast crossing,x',
        tags: { path: '/var/my disk', host: 'a=b,c', empty: '' },
        fields: { status: 'say "hi" \\', time_left_s: 12, at_s: null, bad: NaN, ok: true },
        time: 1700000000000,
      })
    ).toBe(
      'trendcast\\ crossing\\,x,host=a\\=b\\,c,path=/var/my\\ disk status="say \\"hi\\" \\\\",time_left_s=12,ok=true 1700000000000'
    );
  });

  it('gives null when no field is left', () => {
    expect(toLine({ measurement: 'm', tags: {}, fields: { v: Infinity, w: undefined }, time: 1 })).toBeNull();
  });
});
