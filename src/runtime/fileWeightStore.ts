/**
 * The CLI's weight store (`trendcast forecast --model lstm --cache-dir DIR`): one file per entry,
 * DIR/<64-bit FNV-1a hash of the key>.tcw, written atomically (temporary file, then rename).
 * The snapshot inside holds the full key, so a hash collision reads as a miss. The file's mtime
 * is its last use (touched on read) for least-recently-used eviction. Node only: the panel never
 * imports this file.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

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

const SUFFIX = '.tcw';

/** FNV-1a 64-bit of the key's UTF-16 code units, as 16 hex digits. */
export function keyFileName(key: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < key.length; i++) {
    h ^= BigInt(key.charCodeAt(i));
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0') + SUFFIX;
}

export interface FileStoreOptions extends Partial<StoreLimits> {
  now?: () => number;
}

/** A file-backed WeightStore in `dir` (created on first write). */
export function createFileWeightStore(dir: string, options: FileStoreOptions = {}): WeightStore {
  const limits: StoreLimits = {
    maxBytes: options.maxBytes ?? DEFAULT_STORE_LIMITS.maxBytes,
    maxEntries: options.maxEntries ?? DEFAULT_STORE_LIMITS.maxEntries,
  };
  const now = options.now ?? Date.now;
  const pathOf = (key: string) => join(dir, keyFileName(key));

  // Entries are listed by file name: the "key" of a listed entry is its file name.
  const list = async (): Promise<StoreEntryInfo[]> => {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return [];
    }
    const out: StoreEntryInfo[] = [];
    for (const name of names.filter((n) => n.endsWith(SUFFIX))) {
      try {
        const st = await fs.stat(join(dir, name));
        out.push({ key: name, bytes: st.size, lastUsed: st.mtimeMs });
      } catch {
        // Removed meanwhile by another process.
      }
    }
    return out;
  };

  return {
    kind: 'files',
    async read(key) {
      const path = pathOf(key);
      try {
        const data = await fs.readFile(path);
        const t = new Date(now());
        await fs.utimes(path, t, t).catch(() => undefined);
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
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
        await fs.mkdir(dir, { recursive: true });
        const planned = chooseEvictions(await list(), { key: keyFileName(key), bytes: bytes.length }, limits);
        for (const name of planned) {
          await fs.rm(join(dir, name), { force: true });
          evicted.push(name);
        }
        const path = pathOf(key);
        const tmp = `${path}.${process.pid}.${Math.floor(Math.random() * 1e9)}.tmp`;
        await fs.writeFile(tmp, bytes);
        const t = new Date(now());
        await fs.utimes(tmp, t, t);
        await fs.rename(tmp, path);
        return { ok: true, evicted };
      } catch (e) {
        return {
          ok: false,
          reason: isQuotaError(e) ? 'quota' : 'error',
          message: `cannot write the model to ${dir}: ${(e as Error)?.message ?? String(e)}`,
          evicted,
        };
      }
    },
    async remove(key) {
      await fs.rm(pathOf(key), { force: true }).catch(() => undefined);
    },
    list,
  };
}
