import { IDBFactory as FakeIDBFactory } from 'fake-indexeddb';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFileWeightStore, keyFileName } from './fileWeightStore';
import { createIndexedDbWeightStore } from './indexedDbWeightStore';
import { chooseEvictions, createMemoryWeightStore, isQuotaError, WeightStore } from './weightStore';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('chooseEvictions (least recently used first)', () => {
  const entries = [
    { key: 'a', bytes: 100, lastUsed: 3 },
    { key: 'b', bytes: 100, lastUsed: 1 },
    { key: 'c', bytes: 100, lastUsed: 2 },
  ];
  it('evicts the oldest until the incoming entry fits the byte cap', () => {
    expect(chooseEvictions(entries, { key: 'd', bytes: 150 }, { maxBytes: 300, maxEntries: 10 })).toEqual(['b', 'c']);
    expect(chooseEvictions(entries, { key: 'd', bytes: 100 }, { maxBytes: 400, maxEntries: 10 })).toEqual([]);
  });
  it('honours the entry cap, and replacing a key does not count it twice', () => {
    expect(chooseEvictions(entries, { key: 'd', bytes: 1 }, { maxBytes: 1e9, maxEntries: 3 })).toEqual(['b']);
    expect(chooseEvictions(entries, { key: 'a', bytes: 100 }, { maxBytes: 300, maxEntries: 3 })).toEqual([]);
  });
});

describe('isQuotaError', () => {
  it('recognises DOM and file-system quota errors only', () => {
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
    expect(isQuotaError({ code: 'ENOSPC' })).toBe(true);
    expect(isQuotaError({ code: 'EDQUOT' })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

/** The same behaviour from every store. `tick` advances the store's clock. */
function storeContract(name: string, make: (now: () => number) => { store: WeightStore; cleanup?: () => void }) {
  describe(`${name} weight store`, () => {
    let clock = 1000;
    const now = () => clock;
    let store: WeightStore;
    let cleanup: (() => void) | undefined;
    beforeEach(() => {
      clock = 1000;
      ({ store, cleanup } = make(now));
    });
    afterEach(() => cleanup?.());

    it('round-trips bytes, misses an unknown key, removes', async () => {
      expect(await store.read('nope')).toBeNull();
      const data = Uint8Array.from({ length: 300 }, (_, i) => i % 251);
      expect((await store.write('k', data)).ok).toBe(true);
      expect(Array.from((await store.read('k'))!)).toEqual(Array.from(data));
      await store.remove('k');
      expect(await store.read('k')).toBeNull();
    });

    it('evicts the least recently used entry past its entry cap, reads count as use', async () => {
      await store.write('a', bytes(10, 1));
      clock += 1000;
      await store.write('b', bytes(10, 2));
      clock += 1000;
      await store.write('c', bytes(10, 3));
      clock += 1000;
      await store.read('a'); // a is now newer than b
      clock += 1000;
      const out = await store.write('d', bytes(10, 4));
      expect(out.ok).toBe(true);
      expect(out.evicted.length).toBe(1);
      expect(await store.read('b')).toBeNull();
      for (const k of ['a', 'c', 'd']) {
        expect(await store.read(k)).not.toBeNull();
      }
    });

    it('refuses an entry larger than the byte cap without losing the others', async () => {
      await store.write('a', bytes(10, 1));
      const out = await store.write('huge', bytes(5000, 9));
      expect(out).toMatchObject({ ok: false, reason: 'too-large' });
      expect(await store.read('a')).not.toBeNull();
    });
  });
}

const limits = { maxEntries: 3, maxBytes: 4096 };

storeContract('memory', (now) => ({ store: createMemoryWeightStore(limits, now) }));

storeContract('IndexedDB (fake-indexeddb)', (now) => ({
  store: createIndexedDbWeightStore({ ...limits, factory: new FakeIDBFactory(), now })!,
}));

storeContract('file', (now) => {
  const dir = mkdtempSync(join(tmpdir(), 'trendcast-cache-'));
  return {
    store: createFileWeightStore(join(dir, 'models'), { ...limits, now }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('IndexedDB store specifics', () => {
  it('is null where IndexedDB does not exist', () => {
    expect(createIndexedDbWeightStore({ factory: undefined })).toBeNull();
  });

  it('keeps entries across store instances on the same database (a page reload)', async () => {
    const factory = new FakeIDBFactory();
    const first = createIndexedDbWeightStore({ factory })!;
    await first.write('k', bytes(20, 7));
    const second = createIndexedDbWeightStore({ factory })!;
    expect(Array.from((await second.read('k'))!)).toEqual(Array.from(bytes(20, 7)));
  });

  it('on a quota error evicts the older half and retries; when that fails too it reports quota', async () => {
    const factory = new FakeIDBFactory();
    const store = createIndexedDbWeightStore({ factory, maxEntries: 100 })!;
    for (const k of ['a', 'b', 'c', 'd']) {
      await store.write(k, bytes(10, 1));
    }
    // Make every blob put fail like a full disk does in a browser.
    const proto = Object.getPrototypeOf(await openStore(factory));
    const realPut = proto.put;
    let failures = 1;
    proto.put = function (this: IDBObjectStore, value: unknown) {
      if (this.name === 'blobs' && failures > 0) {
        failures--;
        throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      }
      return realPut.call(this, value);
    };
    try {
      const retried = await store.write('e', bytes(10, 2));
      expect(retried.ok).toBe(true);
      expect(retried.evicted.length).toBe(2);
      failures = 2;
      const refused = await store.write('f', bytes(10, 3));
      expect(refused).toMatchObject({ ok: false, reason: 'quota' });
    } finally {
      proto.put = realPut;
    }
    expect(await store.read('e')).not.toBeNull();
  });
});

/** An object store instance of the fake (its prototype carries put). */
async function openStore(factory: IDBFactory): Promise<IDBObjectStore> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open('trendcast-lstm', 1);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const s = db.transaction('blobs', 'readonly').objectStore('blobs');
  return s;
}

describe('file store specifics', () => {
  it('names files by a hash of the key and reads a foreign file as bytes (decoding decides)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendcast-cache-'));
    try {
      const store = createFileWeightStore(dir);
      expect(keyFileName('a')).toMatch(/^[0-9a-f]{16}\.tcw$/);
      expect(keyFileName('a')).not.toBe(keyFileName('b'));
      await store.write('a', bytes(8, 1));
      expect(readdirSync(dir)).toEqual([keyFileName('a')]);
      writeFileSync(join(dir, keyFileName('a')), 'garbage');
      expect(new TextDecoder().decode((await store.read('a'))!)).toBe('garbage');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unwritable directory as an error result, not an exception', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendcast-cache-'));
    try {
      writeFileSync(join(dir, 'file'), 'x');
      const store = createFileWeightStore(join(dir, 'file', 'sub'));
      const out = await store.write('k', bytes(4, 1));
      expect(out).toMatchObject({ ok: false, reason: 'error' });
      expect(await store.read('k')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
