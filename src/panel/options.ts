import { FieldConfigProperty, PanelOptionsEditorBuilder, SetFieldConfigOptionsArgs } from '@grafana/data';

import { LSTM_OPTION_HELP } from '../runtime/lstmUserOptions';
import { DEFAULT_OPTIONS, TrendcastOptions } from './types';

const FORECAST = ['Forecast'];
const LSTM = ['LSTM'];
const OVERLAYS = ['Overlays'];

const isLstm = (o: TrendcastOptions) => o.model === 'lstm';

/** Thresholds come from Grafana's standard field config, so the usual thresholds editor works. */
export const useThresholdsFieldConfig: SetFieldConfigOptionsArgs = {
  standardOptions: {
    [FieldConfigProperty.Thresholds]: {},
    [FieldConfigProperty.Unit]: {},
    [FieldConfigProperty.Decimals]: {},
    [FieldConfigProperty.Min]: {},
    [FieldConfigProperty.Max]: {},
  },
};

export function buildPanelOptions(builder: PanelOptionsEditorBuilder<TrendcastOptions>) {
  builder
    .addSelect({
      path: 'model',
      name: 'Model',
      category: FORECAST,
      defaultValue: DEFAULT_OPTIONS.model,
      settings: {
        options: [
          { value: 'auto', label: 'Auto', description: 'Seasonal when the ACF finds a period, else last trend' },
          { value: 'linear', label: 'Linear', description: 'Least squares over the fit window (RRDtool LSL)' },
          {
            value: 'last-trend',
            label: 'Last trend',
            description: 'Capacity trend: the last trend segment, cycles, spikes and clean-ups accounted for',
          },
          {
            value: 'last-trend-peaks',
            label: 'Last trend (derivative peaks)',
            description: 'Line after the last peak of the derivative (the original peak loop)',
          },
          { value: 'seasonal', label: 'Seasonal', description: 'Trend + seasonal profile (additive decomposition)' },
          { value: 'rrd-predict', label: 'RRD PREDICT', description: 'Sliding-window average of past periods' },
          {
            value: 'lstm',
            label: 'LSTM',
            description: 'Trend + seasonal + residual networks trained in the browser; weights cached per panel',
          },
        ],
      },
    })
    .addTextInput({
      path: 'horizon',
      name: 'Horizon',
      description: 'How far to forecast: a duration (14d, 48h) or a number of steps',
      category: FORECAST,
      defaultValue: DEFAULT_OPTIONS.horizon,
    })
    .addTextInput({
      path: 'fitWindow',
      name: 'Fit window',
      description: 'Fit only the last part of the data (e.g. 7d); empty fits all of it',
      category: FORECAST,
      defaultValue: DEFAULT_OPTIONS.fitWindow,
    })
    .addSliderInput({
      path: 'confidence',
      name: 'Confidence level',
      category: FORECAST,
      defaultValue: DEFAULT_OPTIONS.confidence,
      settings: { min: 0.5, max: 0.99, step: 0.01 },
    })
    .addRadio({
      path: 'direction',
      name: 'Thresholds are',
      description:
        'Upper limits (usage reaching 90%), lower limits (free space reaching 0), or decided per series from its trend',
      category: FORECAST,
      defaultValue: DEFAULT_OPTIONS.direction,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'rising', label: 'Upper limits' },
          { value: 'falling', label: 'Lower limits' },
        ],
      },
    })
    .addNumberInput({
      path: 'lstmLookBack',
      name: 'Look-back',
      description: LSTM_OPTION_HELP.lstmLookBack,
      category: LSTM,
      defaultValue: DEFAULT_OPTIONS.lstmLookBack,
      settings: { min: 0, integer: true, placeholder: 'auto' },
      showIf: isLstm,
    })
    .addNumberInput({
      path: 'lstmEpochs',
      name: 'Training epochs',
      description: LSTM_OPTION_HELP.lstmEpochs,
      category: LSTM,
      defaultValue: DEFAULT_OPTIONS.lstmEpochs,
      settings: { min: 1, integer: true },
      showIf: isLstm,
    })
    .addNumberInput({
      path: 'lstmFineTuneEpochs',
      name: 'Fine-tune epochs',
      description: LSTM_OPTION_HELP.lstmFineTuneEpochs,
      category: LSTM,
      defaultValue: DEFAULT_OPTIONS.lstmFineTuneEpochs,
      settings: { min: 0, integer: true },
      showIf: isLstm,
    })
    .addNumberInput({
      path: 'lstmDriftLimit',
      name: 'Drift limit',
      description: LSTM_OPTION_HELP.lstmDriftLimit,
      category: LSTM,
      defaultValue: DEFAULT_OPTIONS.lstmDriftLimit,
      settings: { min: 0, step: 0.1 },
      showIf: isLstm,
    })
    .addNumberInput({
      path: 'lstmDriftAbsoluteLimit',
      name: 'Absolute drift limit',
      description: LSTM_OPTION_HELP.lstmDriftAbsoluteLimit,
      category: LSTM,
      settings: { min: 0, placeholder: 'off' },
      showIf: isLstm,
    })
    .addBooleanSwitch({ path: 'showForecast', name: 'Show forecast', category: OVERLAYS, defaultValue: true })
    .addBooleanSwitch({ path: 'showBand', name: 'Show band', category: OVERLAYS, defaultValue: true })
    .addBooleanSwitch({ path: 'showCrossings', name: 'Show crossings', category: OVERLAYS, defaultValue: true });
}
