import { DataFrame, ThresholdsConfig } from '@grafana/data';
import type { GraphThresholdsStyleMode, TimeZone } from '@grafana/schema';
import { useTheme2 } from '@grafana/ui';
import { useMemo } from 'react';

import { plotFrames } from './plot/plotFrames';
import { ThresholdLine } from './thresholdValues';
import { PanelForecast } from './usePanelForecasts';

export interface PlotSettings {
  showForecast: boolean;
  showBand: boolean;
  thresholds?: ThresholdsConfig;
  /** The threshold values the forecasts are dated against (the y axis always shows them). */
  lines: ThresholdLine[];
  thresholdsStyle: GraphThresholdsStyleMode;
  min?: number;
  max?: number;
  timeZone: TimeZone;
  /** The plotted time range: new frames go with a new range, so the plot takes it. */
  range: { from: number; to: number };
}

/** The frames the plot draws (plotFrames), rebuilt only when what they show changes. */
export function usePlotFrames(
  forecasts: PanelForecast[],
  colors: string[],
  hidden: ReadonlySet<string>,
  s: PlotSettings
): DataFrame[] {
  const theme = useTheme2();
  const { showForecast, showBand, thresholds, lines, thresholdsStyle, min, max, timeZone, range } = s;
  return useMemo(
    () =>
      plotFrames(forecasts, {
        colors,
        hidden,
        showForecast,
        showBand,
        thresholds,
        thresholdsStyle,
        thresholdRange:
          lines.length > 0
            ? { min: Math.min(...lines.map((t) => t.value)), max: Math.max(...lines.map((t) => t.value)) }
            : undefined,
        min,
        max,
        theme,
        timeZone,
      }),
    // range.from / range.to are not read: they are there to rebuild the frames with a new range.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      forecasts,
      colors,
      hidden,
      showForecast,
      showBand,
      thresholds,
      lines,
      thresholdsStyle,
      min,
      max,
      theme,
      timeZone,
      range.from,
      range.to,
    ]
  );
}
