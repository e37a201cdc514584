import { seededRandom } from '../engine/stats/seededRandom';
import { RegularSeries } from '../engine/types';
import { decodeSnapshot, loadTf, LstmConfig, LstmProgress } from '../models/lstm';
import { LstmRefreshInput, refreshLstm } from './lstmRefresh';
import { createMemoryWeightStore, WeightStore } from './weightStore';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);
const CONFIG: Partial<LstmConfig> = {
  units: 8,
  epochs: 6,
  fineTuneEpochs: 2,
  learningRate: 0.01,
  seed: 11,
};

/** 30 + 6·sin(2πi/24) + N(0, 0.5²), hourly; `shift` is added from row `shiftFrom` on. */
function values(n: number, shift = 0, shiftFrom = Infinity): Float64Array {
  const rng = seededRandom(5);
  return Float64Array.from(
    { length: n },
    (_, i) => 30 + 6 * Math.sin((2 * Math.PI * i) / 24) + rng.normal(0, 0.5) + (i >= shiftFrom ? shift : 0)
  );
}

const series = (v: Float64Array): RegularSeries => ({ start: START, step: HOUR, values: v });

function input(store: WeightStore | null, s: RegularSeries, extra: Partial<LstmRefreshInput> = {}): LstmRefreshInput {
  return { series: s, fromRow: 0, horizon: 48, key: 'dash|panel|cpu', store, config: CONFIG, ...extra };
}

async function refresh(inp: LstmRefreshInput) {
  const progress: LstmProgress[] = [];
  const cached: number[][] = [];
  const out = await refreshLstm(inp, {
    onProgress: (p) => progress.push(p),
    onCachedModel: (m) => cached.push(Array.from(m.predict(6, 0.95).point)),
  });
  if ('problem' in out) {
    throw new Error(out.problem.message);
  }
  return { ...out, progress, cached };
}

describe('refreshLstm: cache, fine-tuning and drift', () => {
  const base = values(240 + 48);

  it('trains cold once, then forecasts from the cache without training, fine-tunes on new points only, retrains on drift', async () => {
    const store = createMemoryWeightStore();
    const first = await refresh(input(store, series(base.slice(0, 240))));
    expect(first.status).toMatchObject({
      action: 'cold-train',
      cache: 'miss',
      trainedPoints: 240,
      fineTunes: 0,
      drift: null,
    });
    expect(first.progress.filter((p) => p.phase === 'train').length).toBe(3 * 6);
    expect(first.cached).toEqual([]);

    // Same data again: the cached weights forecast at once, nothing is trained.
    const again = await refresh(input(store, series(base.slice(0, 240))));
    expect(again.status).toMatchObject({ action: 'cached', cache: 'hit' });
    expect(again.progress).toEqual([]);
    expect(again.cached[0]).toEqual(Array.from(first.model.predict(6, 0.95).point));
    expect(Array.from(again.model.predict(48, 0.95).point)).toEqual(Array.from(first.model.predict(48, 0.95).point));

    // 24 new points from the same process: no drift, a fine-tune on exactly those 24 targets.
    const more = await refresh(input(store, series(base.slice(0, 264))));
    expect(more.status.action).toBe('fine-tune');
    expect(more.status.drift!.points).toBe(24);
    expect(more.status.drift!.relative).toBeLessThan(more.status.driftLimit.relativeLimit);
    expect(more.status).toMatchObject({ fineTunedPoints: 24, fineTunes: 1, trainedPoints: 240 });
    const tuning = more.progress.filter((p) => p.phase === 'fine-tune');
    expect(tuning.length).toBe(3 * 2);
    expect(tuning.every((p) => p.windows === 24)).toBe(true);
    expect(more.progress.some((p) => p.phase === 'train')).toBe(false);
    expect(more.cached.length).toBe(1);
    expect(more.status.fineTuneLosses.seasonal.length).toBe(2);

    // 24 points that jumped by +15: drift far above the limit → trained from scratch.
    const shifted = values(288, 15, 264);
    const drifted = await refresh(input(store, series(shifted)));
    expect(drifted.status.drift!.relative).toBeGreaterThan(drifted.status.driftLimit.relativeLimit);
    expect(drifted.status).toMatchObject({ action: 'retrain-drift', fineTunes: 0, trainedPoints: 288 });
    expect(drifted.progress.filter((p) => p.phase === 'train').length).toBe(3 * 6);
  });

  it('the absolute limit (the seed’s |real − predicted| > 10) triggers a retrain on its own', async () => {
    const store = createMemoryWeightStore();
    await refresh(input(store, series(base.slice(0, 240))));
    const shifted = values(264, 4, 240);
    const strict = await refresh(input(store, series(shifted), { drift: { relativeLimit: 1e9, absoluteLimit: 2 } }));
    expect(strict.status.action).toBe('retrain-drift');
  });

  it('"retrain now" retrains even without drift', async () => {
    const store = createMemoryWeightStore();
    await refresh(input(store, series(base.slice(0, 240))));
    const forced = await refresh(input(store, series(base.slice(0, 240)), { forceRetrain: true }));
    expect(forced.status.action).toBe('retrain-requested');
  });

  it('recovers from a corrupt cache entry: discarded, retrained, replaced by a valid one', async () => {
    const store = createMemoryWeightStore();
    const inp = input(store, series(base.slice(0, 240)));
    await store.write(inp.key, new TextEncoder().encode('TCW1 not really a snapshot'));
    const out = await refresh(inp);
    expect(out.status).toMatchObject({ cache: 'corrupt', action: 'cold-train' });
    expect(out.status.cacheNote).toMatch(/unreadable/);
    expect(decodeSnapshot((await store.read(inp.key))!, inp.key)).not.toBeNull();
  });

  it('discards an entry trained on another grid step', async () => {
    const store = createMemoryWeightStore();
    await refresh(input(store, series(base.slice(0, 240))));
    const out = await refresh(input(store, { start: START, step: HOUR / 2, values: base.slice(0, 240) }));
    expect(out.status).toMatchObject({ cache: 'incompatible', action: 'cold-train' });
  });

  it('leaks no tensors over 20 refreshes (each fine-tuning on one new point)', async () => {
    const rt = await loadTf();
    const store = createMemoryWeightStore();
    // Drift on a single new point is one normal error: a limit that never trips keeps every refresh a
    // fine-tune (drift itself is tested above).
    const opts = { config: { ...CONFIG, fineTuneEpochs: 1 }, drift: { relativeLimit: 1e9 } };
    await refresh(input(store, series(base.slice(0, 240)), opts));
    const start = rt.tf.memory().numTensors;
    for (let i = 1; i <= 20; i++) {
      const out = await refresh(input(store, series(base.slice(0, 240 + i)), opts));
      expect(out.status.action).toBe('fine-tune');
      expect(rt.tf.memory().numTensors).toBe(start);
    }
  });
});
