/**
 * Binary form of an LstmState for the weight cache:
 *   "TCW1" | u32 LE json byte length | json (UTF-8) | zero padding to 4 bytes | float32 LE weights
 * The JSON holds the state without the weights plus the cache key and each weight array's length;
 * the float block is every component's weights in order. decodeSnapshot validates everything
 * and returns null for anything corrupt, truncated or from another engine version: a bad entry
 * is a cache miss, never an error.
 */
import { weightSizes } from './forwardPass';
import { LSTM_ENGINE_VERSION } from './lstmConfig';
import { ComponentState, LstmState } from './lstmState';

const MAGIC = [0x54, 0x43, 0x57, 0x31]; // "TCW1"

interface SnapshotJson {
  key: string;
  state: Omit<LstmState, 'components'> & {
    components: Array<Omit<ComponentState, 'weights'> & { weightLengths: number[] }>;
  };
}

/** Encodes `state` under cache `key`. */
export function encodeSnapshot(key: string, state: LstmState): Uint8Array {
  const json: SnapshotJson = {
    key,
    state: {
      ...state,
      components: state.components.map(({ weights, ...rest }) => ({
        ...rest,
        weightLengths: weights.map((w) => w.length),
      })),
    },
  };
  const text = new TextEncoder().encode(
    JSON.stringify(json, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))
  );
  const headerLen = 8 + text.length;
  const padded = Math.ceil(headerLen / 4) * 4;
  const floats = state.components.reduce((n, c) => n + c.weights.reduce((m, w) => m + w.length, 0), 0);
  const bytes = new Uint8Array(padded + floats * 4);
  bytes.set(MAGIC, 0);
  new DataView(bytes.buffer).setUint32(4, text.length, true);
  bytes.set(text, 8);
  const view = new DataView(bytes.buffer, padded);
  let offset = 0;
  for (const c of state.components) {
    for (const w of c.weights) {
      for (let i = 0; i < w.length; i++) {
        view.setFloat32(offset, w[i], true);
        offset += 4;
      }
    }
  }
  return bytes;
}

/** Non-finite numbers travel as strings in the JSON ("NaN"); read them back. */
function reviveNumber(v: unknown): unknown {
  return v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v;
}

/** A combination weight in 0…1, a whole lag of at least 1 row and a drift flag. */
function validBlend(b: unknown): boolean {
  const { weight, lag, drift } = (b ?? {}) as { weight?: unknown; lag?: unknown; drift?: unknown };
  return (
    typeof weight === 'number' &&
    weight >= 0 &&
    weight <= 1 &&
    typeof lag === 'number' &&
    Number.isInteger(lag) &&
    lag >= 1 &&
    typeof drift === 'boolean'
  );
}

/**
 * Decodes bytes made by encodeSnapshot. Returns null when they are not a valid snapshot for
 * `expectedKey` (wrong magic, truncated, bad JSON, other engine version, other key, a combination
 * weight outside 0…1, weight sizes that do not match the network shape, non-finite weights).
 */
export function decodeSnapshot(bytes: Uint8Array, expectedKey?: string): LstmState | null {
  try {
    if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m)) {
      return null;
    }
    const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const jsonLen = header.getUint32(4, true);
    if (8 + jsonLen > bytes.length) {
      return null;
    }
    const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLen)), (_k, v) =>
      reviveNumber(v)
    ) as SnapshotJson;
    if (
      !parsed ||
      typeof parsed !== 'object' ||
      typeof parsed.key !== 'string' ||
      !parsed.state ||
      !Array.isArray(parsed.state.components)
    ) {
      return null;
    }
    if (expectedKey !== undefined && parsed.key !== expectedKey) {
      return null;
    }
    const s = parsed.state;
    if (
      s.engineVersion !== LSTM_ENGINE_VERSION ||
      !Array.isArray(s.bandSd) ||
      typeof s.lookBack !== 'number' ||
      !s.config ||
      !validBlend(s.blend)
    ) {
      return null;
    }
    const padded = Math.ceil((8 + jsonLen) / 4) * 4;
    const floats = new DataView(
      bytes.buffer,
      bytes.byteOffset + Math.min(padded, bytes.length),
      Math.max(0, bytes.length - padded)
    );
    let offset = 0;
    const components: ComponentState[] = [];
    for (const c of s.components) {
      const expected = weightSizes(c.shape);
      if (
        !Array.isArray(c.weightLengths) ||
        c.weightLengths.length !== expected.length ||
        c.weightLengths.some((len, i) => len !== expected[i])
      ) {
        return null;
      }
      const weights: Float32Array[] = [];
      for (const len of c.weightLengths) {
        if (offset + len * 4 > floats.byteLength) {
          return null;
        }
        const w = new Float32Array(len);
        for (let i = 0; i < len; i++) {
          w[i] = floats.getFloat32(offset, true);
          offset += 4;
          if (!Number.isFinite(w[i])) {
            return null;
          }
        }
        weights.push(w);
      }
      const { weightLengths: _lengths, ...rest } = c;
      components.push({ ...rest, weights });
    }
    if (offset !== floats.byteLength || components.length === 0) {
      return null;
    }
    return { ...s, components };
  } catch {
    return null;
  }
}
