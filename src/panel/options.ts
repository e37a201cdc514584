import {
  FieldColorModeId,
  FieldConfigProperty,
  PanelOptionsEditorBuilder,
  SetFieldConfigOptionsArgs,
} from '@grafana/data';
import { GraphThresholdsStyleMode } from '@grafana/schema';
import { getGraphFieldOptions } from '@grafana/ui';

import { mayTrain } from '../models/registry';
import { LSTM_OPTION_HELP } from '../runtime/lstmUserOptions';
import { MODEL_CHOICES } from './modelChoices';
import { DEFAULT_OPTIONS, TrendcastOptions } from './types';

const FORECAST = ['Forecast'];
const LSTM = ['LSTM'];
const OVERLAYS = ['Overlays'];

// The LSTM section is shown where the LSTM may train (lstm, and auto on seasonal series), the only ones that read it.
const isLstm = (o: TrendcastOptions) => mayTrain(o.model);

/** How threshold lines are drawn unless the field config says otherwise. */
export const DEFAULT_THRESHOLDS_STYLE = GraphThresholdsStyleMode.Dashed;

/**
 * Grafana's standard field config, so its usual editors and overrides work: thresholds (dated and
 * drawn), unit and decimals (axis, tooltip, text), min / max (y axis), colour (by series name by
 * default, so a host keeps its colour across panels; a fixed colour per series by override), and
 * the time series panel's "Show thresholds" style (dashed lines by default).
 */
export const panelFieldConfig: SetFieldConfigOptionsArgs<{ thresholdsStyle?: { mode?: GraphThresholdsStyleMode } }> = {
  standardOptions: {
    [FieldConfigProperty.Thresholds]: {},
    [FieldConfigProperty.Unit]: {},
    [FieldConfigProperty.Decimals]: {},
    [FieldConfigProperty.Min]: {},
    [FieldConfigProperty.Max]: {},
    [FieldConfigProperty.Color]: {
      settings: { byValueSupport: false, bySeriesSupport: true, preferThresholdsMode: false },
      defaultValue: { mode: FieldColorModeId.PaletteClassicByName },
    },
  },
  useCustomConfig: (builder) => {
    builder.addSelect({
      path: 'thresholdsStyle.mode',
      name: 'Show thresholds',
      category: ['Thresholds'],
      defaultValue: DEFAULT_THRESHOLDS_STYLE,
      settings: { options: getGraphFieldOptions().thresholdsDisplayModes },
    });
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
        options: MODEL_CHOICES,
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
