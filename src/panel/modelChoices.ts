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
    value: 'last-trend-peaks',
    label: 'Last trend (derivative peaks)',
    description: 'Line after the last peak of the derivative (the original peak loop)',
  },
  {
    value: 'seasonal',
    label: 'Seasonal',
    description: 'Median of a decomposition, seasonal naive and the recent daily profile',
  },
  { value: 'rrd-predict', label: 'RRD PREDICT', description: 'Sliding-window average of past periods' },
  {
    value: 'lstm',
    label: 'LSTM',
    description: 'Trend + seasonal + residual networks trained in the browser; weights cached per panel',
  },
];
