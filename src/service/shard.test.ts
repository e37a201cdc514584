import { fnv1a32, parseShard, seriesKey, shardOf } from './shard';

describe('shards', () => {
  it('hashes with 32-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('keys a series by job, measurement and sorted tags, whatever the tag order', () => {
    expect(seriesKey('disk', 'disk', { path: '/', host: 'web1' })).toBe(
      seriesKey('disk', 'disk', { host: 'web1', path: '/' })
    );
    expect(seriesKey('disk', 'disk', { host: 'web1' })).not.toBe(seriesKey('mem', 'disk', { host: 'web1' }));
  });

  it('puts every key in exactly one of N shards, spread over all of them', () => {
    const perShard = [0, 0, 0, 0];
    for (let i = 0; i < 2000; i++) {
      const s = shardOf(seriesKey('disk', 'disk', { host: `h${i}` }), 4);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(4);
      perShard[s]++;
    }
    for (const n of perShard) {
      expect(n).toBeGreaterThan(400);
    }
  });

  it('parses I/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('4/4')).toHaveProperty('error');
    expect(parseShard('1/0')).toHaveProperty('error');
    expect(parseShard('a/b')).toHaveProperty('error');
  });
});
