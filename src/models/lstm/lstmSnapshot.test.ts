import { weightSizes } from './forwardPass';
import { LSTM_ENGINE_VERSION, resolveTrainingConfig } from './lstmConfig';
import { decodeSnapshot, encodeSnapshot } from './lstmSnapshot';
import { LstmState } from './lstmState';

function fakeState(): LstmState {
  const shape = { timeSteps: 1, features: 4, units: 2, outputs: 1 };
  const weights = weightSizes(shape).map((len, i) =>
    Float32Array.from({ length: len }, (_, j) => (i + 1) * 0.5 - j * 0.25)
  );
  return {
    engineVersion: LSTM_ENGINE_VERSION,
    config: resolveTrainingConfig({ units: 2 }),
    variant: 'decomposed',
    period: 24,
    transform: 'log',
    lookBack: 4,
    step: 3_600_000,
    trainedAt: 1_700_000_000_000,
    trainedPoints: 300,
    trainedUntil: 1_700_000_000_000,
    fineTunedAt: null,
    fineTunedPoints: 0,
    fineTunes: 0,
    oneStepSd: 0.5,
    bandSd: [0.5, 0.75],
    components: (['trend', 'seasonal', 'residual'] as const).map((name) => ({
      name,
      differenced: name === 'trend',
      centred: false,
      seasonalLag: name === 'seasonal' ? 24 : 0,
      scaling: { center: 1, scale: 2 },
      shape,
      weights,
      losses: [0.5, 0.25],
      fineTuneLosses: [],
    })),
    lastForecast: { start: 5, step: 3_600_000, values: [1, 2, 3] },
    drift: NaN,
    backend: 'wasm',
    damping: 0.95,
    blend: { weight: 0.625, lag: 24, drift: true },
    backtest: { horizon: 48, points: 48, mape: 12.5, smape: 11, mase: 0.9, naiveMase: 1.2, seasonality: 24 },
  };
}

describe('LSTM snapshot encoding', () => {
  const key = 'k1';
  const bytes = encodeSnapshot(key, fakeState());

  it('round-trips every field, the weights bit for bit, NaN included', () => {
    const back = decodeSnapshot(bytes, key);
    expect(back).not.toBeNull();
    const s = fakeState();
    expect(back!.drift).toBeNaN();
    expect({ ...back!, drift: 0 }).toEqual({ ...s, drift: 0 });
    expect(back!.components[2].weights[5]).toEqual(s.components[2].weights[5]);
  });

  it('is a miss (null), never an error, for corrupt, truncated or foreign bytes', () => {
    const flipped = bytes.slice();
    flipped[0] ^= 0xff;
    expect(decodeSnapshot(flipped, key)).toBeNull();
    expect(decodeSnapshot(bytes.subarray(0, bytes.length - 4), key)).toBeNull();
    expect(decodeSnapshot(bytes.subarray(0, 6), key)).toBeNull();
    expect(decodeSnapshot(new Uint8Array(0), key)).toBeNull();
    expect(decodeSnapshot(bytes, 'another key')).toBeNull();
    const badJson = bytes.slice();
    badJson[10] = 0x7b; // '{' inside the JSON
    badJson[11] = 0x7b;
    expect(decodeSnapshot(badJson, key)).toBeNull();
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(decodeSnapshot(longer, key)).toBeNull();
  });

  it('rejects non-finite weights and other engine versions', () => {
    const nanWeights = bytes.slice();
    const view = new DataView(nanWeights.buffer);
    view.setFloat32(nanWeights.length - 4, NaN, true);
    expect(decodeSnapshot(nanWeights, key)).toBeNull();
    const old = encodeSnapshot(key, { ...fakeState(), engineVersion: 'lstm-0' });
    expect(decodeSnapshot(old, key)).toBeNull();
  });

  it('rejects a combination weight outside 0…1 or a missing one', () => {
    expect(
      decodeSnapshot(encodeSnapshot(key, { ...fakeState(), blend: { weight: 1.5, lag: 24, drift: true } }), key)
    ).toBeNull();
    expect(
      decodeSnapshot(encodeSnapshot(key, { ...fakeState(), blend: { weight: NaN, lag: 24, drift: true } }), key)
    ).toBeNull();
    expect(
      decodeSnapshot(encodeSnapshot(key, { ...fakeState(), blend: { weight: 0.5, lag: 0, drift: true } }), key)
    ).toBeNull();
    const { blend: _blend, ...without } = fakeState();
    expect(decodeSnapshot(encodeSnapshot(key, without as LstmState), key)).toBeNull();
  });
});
