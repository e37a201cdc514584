/**
 * The browser's weight store: IndexedDB database `trendcast-lstm`, two object stores keyed by the
 * cache key, `meta` ({key, bytes, lastUsed}: cheap to list for eviction) and `blobs` ({key, data}).
 * Works in a Web Worker too. A quota error evicts the older half and retries once; if it still
 * fails the write reports 'quota' and the forecast goes on without a cache entry.
 */
import {
  chooseEvictions,
  DEFAULT_STORE_LIMITS,
  isQuotaError,
  StoreEntryInfo,
  StoreLimits,
  tooLargeOutcome,
  WeightStore,
  WriteOutcome,
} from './weightStore';

const DB_VERSION = 1;

export interface IndexedDbStoreOptions extends Partial<StoreLimits> {
  /** IndexedDB factory (default globalThis.indexedDB; tests pass fake-indexeddb's). */
  factory?: IDBFactory;
  dbName?: string;
  now?: () => number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/**
 * An IndexedDB-backed WeightStore, or null when IndexedDB is not available (the caller then uses
 * the memory store). The database opens lazily on first use.
 */
export function createIndexedDbWeightStore(options: IndexedDbStoreOptions = {}): WeightStore | null {
  const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) {
    return null;
  }
  const limits: StoreLimits = {
    maxBytes: options.maxBytes ?? DEFAULT_STORE_LIMITS.maxBytes,
    maxEntries: options.maxEntries ?? DEFAULT_STORE_LIMITS.maxEntries,
  };
  const now = options.now ?? Date.now;
  const name = options.dbName ?? 'trendcast-lstm';
  let opening: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => {
    if (!opening) {
      opening = new Promise<IDBDatabase>((resolve, reject) => {
        const req = factory.open(name, DB_VERSION);
        req.onupgradeneeded = () => {
          const d = req.result;
          if (!d.objectStoreNames.contains('meta')) {
            d.createObjectStore('meta', { keyPath: 'key' });
          }
          if (!d.objectStoreNames.contains('blobs')) {
            d.createObjectStore('blobs', { keyPath: 'key' });
          }
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('IndexedDB upgrade blocked by another tab'));
      });
      opening.catch(() => {
        opening = null;
      });
    }
    return opening;
  };

  const list = async (): Promise<StoreEntryInfo[]> => {
    const d = await db();
    const tx = d.transaction('meta', 'readonly');
    const rows = (await request(tx.objectStore('meta').getAll())) as StoreEntryInfo[];
    return rows
      .filter((r) => r && typeof r.key === 'string')
      .map((r) => ({ key: r.key, bytes: Number(r.bytes) || 0, lastUsed: Number(r.lastUsed) || 0 }));
  };

  const removeKeys = async (keys: string[]): Promise<void> => {
    if (keys.length === 0) {
      return;
    }
    const d = await db();
    const tx = d.transaction(['meta', 'blobs'], 'readwrite');
    for (const k of keys) {
      tx.objectStore('meta').delete(k);
      tx.objectStore('blobs').delete(k);
    }
    await done(tx);
  };

  const put = async (key: string, bytes: Uint8Array): Promise<void> => {
    const d = await db();
    const tx = d.transaction(['meta', 'blobs'], 'readwrite');
    // A standalone ArrayBuffer: structured clone of a view would copy its whole backing buffer.
    const data = bytes.slice().buffer;
    tx.objectStore('blobs').put({ key, data });
    tx.objectStore('meta').put({ key, bytes: bytes.length, lastUsed: now() });
    await done(tx);
  };

  return {
    kind: 'indexeddb',
    async read(key) {
      try {
        const d = await db();
        const tx = d.transaction(['meta', 'blobs'], 'readwrite');
        const row = (await request(tx.objectStore('blobs').get(key))) as { data?: unknown } | undefined;
        if (!row || !(row.data instanceof ArrayBuffer)) {
          return null;
        }
        const data = new Uint8Array(row.data);
        tx.objectStore('meta').put({ key, bytes: data.length, lastUsed: now() });
        await done(tx);
        return data;
      } catch {
        return null;
      }
    },
    async write(key, bytes): Promise<WriteOutcome> {
      if (bytes.length > limits.maxBytes) {
        return tooLargeOutcome(bytes.length, limits);
      }
      const evicted: string[] = [];
      try {
        const planned = chooseEvictions(await list(), { key, bytes: bytes.length }, limits);
        await removeKeys(planned);
        evicted.push(...planned);
        await put(key, bytes);
        return { ok: true, evicted };
      } catch (e) {
        if (!isQuotaError(e)) {
          return { ok: false, reason: 'error', message: String((e as Error)?.message ?? e), evicted };
        }
      }
      // Over the browser's quota: drop the older half of the other entries and try once more.
      try {
        const others = (await list()).filter((x) => x.key !== key).sort((a, b) => a.lastUsed - b.lastUsed);
        const half = others.slice(0, Math.ceil(others.length / 2)).map((x) => x.key);
        await removeKeys(half);
        evicted.push(...half);
        await put(key, bytes);
        return { ok: true, evicted };
      } catch (e) {
        return {
          ok: false,
          reason: isQuotaError(e) ? 'quota' : 'error',
          message: `the browser refused to store the model (${String((e as Error)?.message ?? e)}); it will be retrained on the next load`,
          evicted,
        };
      }
    },
    async remove(key) {
      try {
        await removeKeys([key]);
      } catch {
        // A key that cannot be removed is overwritten by the next write.
      }
    },
    async list() {
      try {
        return await list();
      } catch {
        return [];
      }
    },
  };
}
