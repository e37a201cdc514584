/**
 * @jest-environment jsdom
 */
import { PanelOptionsEditorBuilder, standardEditorsRegistry } from '@grafana/data';

import { DEFAULT_DRIFT_POLICY, DEFAULT_LSTM_CONFIG, resolveLstmConfig } from '../models/lstm';
import { driftPolicyFromOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { buildPanelOptions } from './options';
import { DEFAULT_OPTIONS, TrendcastOptions } from './types';

const LSTM_PATHS = ['lstmLookBack', 'lstmEpochs', 'lstmFineTuneEpochs', 'lstmDriftLimit', 'lstmDriftAbsoluteLimit'];

// @grafana/ui's full bundle does not load under this jest config; the options only name its list
// of threshold styles.
jest.mock('@grafana/ui', () => ({ getGraphFieldOptions: () => ({ thresholdsDisplayModes: [] }) }));

// Grafana fills the registry of option editors at start-up; here placeholders do (only ids are looked up).
standardEditorsRegistry.setInit(() =>
  ['select', 'text', 'slider', 'radio', 'boolean', 'number'].map((id) => ({ id, name: id, editor: () => null }))
);

function items() {
  const builder = new PanelOptionsEditorBuilder<TrendcastOptions>();
  buildPanelOptions(builder);
  return builder.getItems();
}

describe('panel options: LSTM', () => {
  const lstmItems = items().filter((i) => LSTM_PATHS.includes(i.path));

  it('are in the LSTM category, in this order, shown only for the LSTM model', () => {
    expect(lstmItems.map((i) => i.path)).toEqual(LSTM_PATHS);
    for (const item of lstmItems) {
      expect(item.category).toEqual(['LSTM']);
      expect(item.showIf?.({ ...DEFAULT_OPTIONS, model: 'lstm' }, undefined)).toBe(true);
      expect(item.showIf?.({ ...DEFAULT_OPTIONS, model: 'auto' }, undefined)).toBe(true);
      expect(item.showIf?.({ ...DEFAULT_OPTIONS, model: 'seasonal' }, undefined)).toBe(false);
    }
  });

  it('default to DEFAULT_LSTM_CONFIG and DEFAULT_DRIFT_POLICY (absolute limit: none = off)', () => {
    const defaults = Object.fromEntries(lstmItems.map((i) => [i.path, i.defaultValue]));
    expect(defaults).toEqual({
      lstmLookBack: DEFAULT_LSTM_CONFIG.lookBack,
      lstmEpochs: DEFAULT_LSTM_CONFIG.epochs,
      lstmFineTuneEpochs: DEFAULT_LSTM_CONFIG.fineTuneEpochs,
      lstmDriftLimit: DEFAULT_DRIFT_POLICY.relativeLimit,
      lstmDriftAbsoluteLimit: undefined,
    });
  });

  it('the default options and an old dashboard without them give the default configuration and policy', () => {
    const old = {
      model: 'lstm',
      horizon: '14d',
      fitWindow: '',
      confidence: 0.95,
      direction: 'auto',
      showForecast: true,
      showBand: true,
      showCrossings: true,
    } as TrendcastOptions;
    for (const options of [DEFAULT_OPTIONS, old]) {
      expect(resolveLstmConfig(lstmConfigFromOptions(options))).toEqual(DEFAULT_LSTM_CONFIG);
      expect(driftPolicyFromOptions(options)).toEqual(DEFAULT_DRIFT_POLICY);
    }
  });

  it('the drift limit describes what it measures', () => {
    const drift = lstmItems.find((i) => i.path === 'lstmDriftLimit');
    expect(drift?.description).toContain("mean |actual − previous forecast| / the model's own error sd");
  });
});
