import { SelectableValue } from '@grafana/data';

import { ModelChoice } from '../models/types';

/** The models a panel offers, as the options editor (and the demo page's picker) lists them. */
export const MODEL_CHOICES: Array<SelectableValue<ModelChoice>> = [
  { value: 'auto', label: 'Auto', description: 'Seasonal when the ACF finds a period, else last trend' },
  { value: 'linear', label: 'Linear', description: 'Least squares over the fit window (RRDtool LSL)' },
  {
    value: 'last-trend',
    label: 'Last trend',
    description: 'Capacity trend: the last trend segment, cycles, spikes and clean-ups accounted for',
  },
  {
    value: 'last-trend-seed',
    label: 'Last trend (seed peak loop)',
    description: "Line after the last derivative peak, as the seed's loop finds it",
  },
  { value: 'seasonal', label: 'Seasonal', description: 'Trend + seasonal profile (additive decomposition)' },
  { value: 'rrd-predict', label: 'RRD PREDICT', description: 'Sliding-window average of past periods' },
  {
    value: 'lstm',
    label: 'LSTM',
    description: 'Trend + seasonal + residual networks trained in the browser; weights cached per panel',
  },
];
