import { UPlotConfigBuilder } from '@grafana/ui';
import { MutableRefObject, useLayoutEffect, useRef } from 'react';
import type uPlot from 'uplot';

/** The uPlot instance a config builder makes, once the plot exists (for value ↔ pixel mapping). */
export function usePlotInstance(config: UPlotConfigBuilder): MutableRefObject<uPlot | undefined> {
  const plot = useRef<uPlot | undefined>(undefined);
  useLayoutEffect(() => {
    config.addHook('init', (u) => {
      plot.current = u;
    });
  }, [config]);
  return plot;
}

/** Whether a CSS-pixel position lies inside the plotting area. */
export function insidePlot(u: uPlot, x: number, y: number): boolean {
  const ratio = window.devicePixelRatio || 1;
  return x >= 0 && y >= 0 && x <= u.bbox.width / ratio && y <= u.bbox.height / ratio;
}
