import { PanelPlugin } from '@grafana/data';

import { TrendcastPanel } from './panel/components/TrendcastPanel';
import { buildPanelOptions, panelFieldConfig } from './panel/options';
import { TrendcastOptions } from './panel/types';

export const plugin = new PanelPlugin<TrendcastOptions>(TrendcastPanel)
  .useFieldConfig(panelFieldConfig)
  .setPanelOptions(buildPanelOptions);
