import { DEFAULT_DRIFT_POLICY, DEFAULT_LSTM_CONFIG, resolveLstmConfig } from '../models/lstm';
import { lstmCacheKey } from './lstmCacheKey';
import { driftPolicyFromOptions, lstmConfigFromOptions, LstmUserOptions } from './lstmUserOptions';

/** Saved JSON can hold anything: the functions must cope with values of the wrong type. */
const raw = (o: Record<string, unknown>) => o as LstmUserOptions;

describe('lstmConfigFromOptions', () => {
  it('passes valid look-back and epochs through', () => {
    expect(lstmConfigFromOptions({ lstmLookBack: 48, lstmEpochs: 7, lstmFineTuneEpochs: 0 })).toEqual({
      lookBack: 48,
      epochs: 7,
      fineTuneEpochs: 0,
    });
    expect(resolveLstmConfig(lstmConfigFromOptions({ lstmLookBack: 12 }))).toEqual({
      ...DEFAULT_LSTM_CONFIG,
      lookBack: 12,
    });
  });

  it.each([
    ['missing', {}],
    ['negative', { lstmLookBack: -1, lstmEpochs: -5, lstmFineTuneEpochs: -1 }],
    ['zero epochs', { lstmEpochs: 0 }],
    ['strings', { lstmLookBack: '48', lstmEpochs: 'many', lstmFineTuneEpochs: '' }],
    ['null and NaN', { lstmLookBack: null, lstmEpochs: NaN, lstmFineTuneEpochs: Infinity }],
  ])('%s values are left to the defaults', (_, options) => {
    expect(lstmConfigFromOptions(raw(options))).toEqual({});
    expect(resolveLstmConfig(lstmConfigFromOptions(raw(options)))).toEqual(DEFAULT_LSTM_CONFIG);
  });

  it('keeps the valid values when others are invalid', () => {
    expect(lstmConfigFromOptions(raw({ lstmLookBack: -3, lstmEpochs: 5, lstmFineTuneEpochs: 'x' }))).toEqual({
      epochs: 5,
    });
  });

  it('gives the same cache key as a job without options when every option is at its default', () => {
    const parts = { dashboardUid: 'd', panelId: 1, seriesName: 'host=a', labels: { host: 'a' } };
    const defaults = lstmConfigFromOptions({
      lstmLookBack: DEFAULT_LSTM_CONFIG.lookBack,
      lstmEpochs: DEFAULT_LSTM_CONFIG.epochs,
      lstmFineTuneEpochs: DEFAULT_LSTM_CONFIG.fineTuneEpochs,
    });
    expect(lstmCacheKey({ ...parts, config: defaults })).toBe(lstmCacheKey(parts));
    expect(lstmCacheKey({ ...parts, config: lstmConfigFromOptions({ lstmEpochs: 5 }) })).not.toBe(lstmCacheKey(parts));
  });
});

describe('driftPolicyFromOptions', () => {
  it('uses valid limits', () => {
    expect(driftPolicyFromOptions({ lstmDriftLimit: 4, lstmDriftAbsoluteLimit: 10 })).toEqual({
      relativeLimit: 4,
      absoluteLimit: 10,
    });
    expect(driftPolicyFromOptions({ lstmDriftLimit: 0.5 })).toEqual({ relativeLimit: 0.5, absoluteLimit: null });
  });

  it.each([
    ['missing', {}],
    ['zero', { lstmDriftLimit: 0, lstmDriftAbsoluteLimit: 0 }],
    ['negative', { lstmDriftLimit: -2, lstmDriftAbsoluteLimit: -10 }],
    ['strings', { lstmDriftLimit: '3', lstmDriftAbsoluteLimit: 'ten' }],
    ['null and NaN', { lstmDriftLimit: NaN, lstmDriftAbsoluteLimit: null }],
    ['infinite', { lstmDriftLimit: Infinity, lstmDriftAbsoluteLimit: Infinity }],
  ])('%s limits fall back to the default policy (relative 2.5, absolute off)', (_, options) => {
    const policy = driftPolicyFromOptions(raw(options));
    expect(policy).toEqual(DEFAULT_DRIFT_POLICY);
    expect(policy).toEqual({ relativeLimit: 2.5, absoluteLimit: null });
  });

  it('always returns both keys, so spreading it over the defaults cannot put undefined in', () => {
    const policy = driftPolicyFromOptions({});
    expect(Object.keys(policy).sort()).toEqual(['absoluteLimit', 'relativeLimit']);
    expect({ ...DEFAULT_DRIFT_POLICY, ...driftPolicyFromOptions({ lstmDriftAbsoluteLimit: 10 }) }).toEqual({
      relativeLimit: 2.5,
      absoluteLimit: 10,
    });
  });
});
