import { useMemo } from 'react';

import { badOptionsProblem, resolveForecastOptions } from '../models/forecastOptions';
import { emptySeriesForecast, forecastSeries, SeriesForecast } from '../models/forecastSeries';
import { PanelSeries } from '../common/framesToSeries';
import { ThresholdLine } from './thresholdValues';
import { TrendcastOptions } from './types';

export interface PanelForecast {
  series: PanelSeries;
  result: SeriesForecast;
}

/**
 * Runs the engine once per series when the data or the forecast options change — not when an
 * overlay is toggled. A bad series yields a result with `problem`; it never hides the others.
 */
export function usePanelForecasts(
  series: PanelSeries[],
  options: TrendcastOptions,
  thresholds: ThresholdLine[]
): PanelForecast[] {
  const { model, horizon, fitWindow, confidence, direction } = options;
  const thresholdKey = thresholds.map((t) => t.value).join(',');
  return useMemo(
    () => {
      if (model === 'lstm') {
        // Asynchronous: useLstmForecasts runs it in the training worker.
        return [];
      }
      const values = thresholds.map((t) => t.value);
      const resolved = resolveForecastOptions({ model, horizon, fitWindow, confidence, direction, thresholds: values });
      return series.map((s) => ({
        series: s,
        result:
          'errors' in resolved
            ? emptySeriesForecast(s, badOptionsProblem(resolved.errors))
            : forecastSeries(s, resolved.options),
      }));
    },
    // thresholds are compared by value: a new array with the same steps must not refit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series, model, horizon, fitWindow, confidence, direction, thresholdKey]
  );
}
