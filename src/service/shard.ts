/**
 * Fleet sharding: N processes, each given `--shard I/N`, split the series between them by a stable
 * hash of the series key, so together they cover every series exactly once whatever the order the
 * database returns them in and whichever process starts first.
 */

export interface Shard {
  index: number;
  count: number;
}

/** The series' identity: job, measurement and its tags sorted by key. */
export function seriesKey(job: string, measurement: string, tags: Record<string, string>): string {
  const sorted = Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`);
  return [job, measurement, ...sorted].join('\u0000');
}

/** 32-bit FNV-1a over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function shardOf(key: string, count: number): number {
  return fnv1a32(key) % count;
}

/** Parses `I/N` (0 ≤ I < N); returns an error message instead of throwing. */
export function parseShard(text: string): Shard | { error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) {
    return { error: `--shard ${text}: use I/N, e.g. 0/4 (I counts from 0)` };
  }
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) {
    return { error: `--shard ${text}: need 0 ≤ I < N and N ≥ 1` };
  }
  return { index, count };
}
