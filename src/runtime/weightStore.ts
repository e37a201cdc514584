/**
 * Where trained LSTM weights live between refreshes: IndexedDB in the browser
 * (indexedDbWeightStore.ts), files in Node (fileWeightStore.ts), memory as the fallback. A store
 * holds opaque bytes (lstmSnapshot.ts) by key, with least-recently-used eviction under a size
 * cap. Stores never throw: a failed read is a miss, a failed write says why.
 */

export interface StoreEntryInfo {
  key: string;
  bytes: number;
  /** Last read or write (ms). */
  lastUsed: number;
}

export type WriteOutcome =
  | { ok: true; evicted: string[] }
  | { ok: false; reason: 'quota' | 'too-large' | 'error'; message: string; evicted: string[] };

export interface WeightStore {
  readonly kind: 'indexeddb' | 'files' | 'memory';
  /** The bytes under `key`, or null when missing or unreadable. Marks the entry as used. */
  read(key: string): Promise<Uint8Array | null>;
  /** Stores `bytes` under `key`, evicting least-recently-used entries to stay within the cap. */
  write(key: string, bytes: Uint8Array): Promise<WriteOutcome>;
  remove(key: string): Promise<void>;
  list(): Promise<StoreEntryInfo[]>;
}

export interface StoreLimits {
  /** Total bytes kept (default 16 MiB: ~250 decomposed models at the default size). */
  maxBytes: number;
  /** Entries kept (default 200). */
  maxEntries: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxBytes: 16 * 1024 * 1024, maxEntries: 200 };

/**
 * The keys to evict, least recently used first, so that `incoming` fits under `limits` next to
 * the remaining entries (an existing entry with the incoming key is replaced, not counted).
 */
export function chooseEvictions(
  entries: StoreEntryInfo[],
  incoming: { key: string; bytes: number },
  limits: StoreLimits
): string[] {
  const others = entries
    .filter((e) => e.key !== incoming.key)
    .sort((a, b) => a.lastUsed - b.lastUsed || (a.key < b.key ? -1 : 1));
  let total = others.reduce((s, e) => s + e.bytes, 0) + incoming.bytes;
  let count = others.length + 1;
  const evict: string[] = [];
  for (const e of others) {
    if (total <= limits.maxBytes && count <= limits.maxEntries) {
      break;
    }
    evict.push(e.key);
    total -= e.bytes;
    count--;
  }
  return evict;
}

/** The refusal for an entry bigger than the whole cache. */
export function tooLargeOutcome(bytes: number, limits: StoreLimits): WriteOutcome {
  return {
    ok: false,
    reason: 'too-large',
    message: `${bytes} bytes exceed the cache cap of ${limits.maxBytes}`,
    evicted: [],
  };
}

/** Whether an error is a storage quota error (DOMException QuotaExceededError, ENOSPC, EDQUOT). */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; code?: string | number } | null;
  return (
    !!err && (err.name === 'QuotaExceededError' || err.code === 22 || err.code === 'ENOSPC' || err.code === 'EDQUOT')
  );
}

/** A store in memory: the fallback where IndexedDB is unavailable (private windows, tests). */
export function createMemoryWeightStore(limits: Partial<StoreLimits> = {}, now: () => number = Date.now): WeightStore {
  const lim = { ...DEFAULT_STORE_LIMITS, ...limits };
  const entries = new Map<string, { bytes: Uint8Array; lastUsed: number }>();
  const list = (): StoreEntryInfo[] =>
    Array.from(entries, ([key, e]) => ({ key, bytes: e.bytes.length, lastUsed: e.lastUsed }));
  return {
    kind: 'memory',
    async read(key) {
      const e = entries.get(key);
      if (!e) {
        return null;
      }
      e.lastUsed = now();
      return e.bytes.slice();
    },
    async write(key, bytes) {
      if (bytes.length > lim.maxBytes) {
        return tooLargeOutcome(bytes.length, lim);
      }
      const evicted = chooseEvictions(list(), { key, bytes: bytes.length }, lim);
      evicted.forEach((k) => entries.delete(k));
      entries.set(key, { bytes: bytes.slice(), lastUsed: now() });
      return { ok: true, evicted };
    },
    async remove(key) {
      entries.delete(key);
    },
    async list() {
      return list();
    },
  };
}
