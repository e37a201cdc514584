import { UPlotConfigBuilder } from '@grafana/ui';
import { useReducer, useRef, useState } from 'react';
import type uPlot from 'uplot';

/**
 * The uPlot instance a config builder makes, re-rendering the caller after each draw (for value ↔
 * pixel mapping of markers). The hooks are added while rendering, not in an effect: Grafana 13's
 * TimeSeries creates the plot before its children's effects run, and uPlot reads its hooks once,
 * when it is created. A config builder gets the hooks once.
 */
export function usePlotInstance(config: UPlotConfigBuilder): uPlot | undefined {
  const [plot, setPlot] = useState<uPlot | undefined>(undefined);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const hooked = useRef<UPlotConfigBuilder | null>(null);
  if (hooked.current !== config) {
    hooked.current = config;
    config.addHook('ready', (u) => setPlot(u));
    config.addHook('draw', () => redraw());
  }
  return plot;
}

/** Whether a CSS-pixel position lies inside the plotting area. */
export function insidePlot(u: uPlot, x: number, y: number): boolean {
  const ratio = window.devicePixelRatio || 1;
  return x >= 0 && y >= 0 && x <= u.bbox.width / ratio && y <= u.bbox.height / ratio;
}
