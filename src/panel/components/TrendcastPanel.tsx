import React from 'react';
import { PanelProps } from '@grafana/data';

import { TrendcastOptions } from '../types';

export function TrendcastPanel(props: PanelProps<TrendcastOptions>) {
  return <div data-testid="trendcast-panel">Trendcast: {props.data.series.length} series</div>;
}
