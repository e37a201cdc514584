/**
 * @jest-environment jsdom
 */
import { createTheme, outerJoinDataFrames } from '@grafana/data';
import { GraphThresholdsStyleMode } from '@grafana/schema';

import { forecastFitted } from '../../models/forecastSeries';
import { validForecastOptions } from '../../models/forecastOptions';
import { PanelForecast } from '../usePanelForecasts';
import { PlotLook, plotFrames } from './plotFrames';
import { tooltipRows } from './tooltipRows';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

/** An exact line (the band has zero width): 50 + slope per hour over 10 hours. */
function line(host: string, slope: number): PanelForecast {
  const times = Array.from({ length: 10 }, (_, i) => T0 + i * HOUR);
  const series = {
    name: `host=${host}`,
    displayName: host,
    labels: { host },
    times,
    values: times.map((_, i) => 50 + slope * i),
    unit: 'percent',
    decimals: 1,
  };
  return {
    series,
    result: forecastFitted(series, validForecastOptions({ model: 'linear', horizon: '3h', thresholds: [] })),
  };
}

const LOOK: PlotLook = {
  colors: ['#f00', '#0f0'],
  hidden: new Set(),
  showForecast: true,
  showBand: true,
  thresholdsStyle: GraphThresholdsStyleMode.Dashed,
  theme: createTheme(),
  timeZone: 'utc',
};

/** The rows at `time`, as uPlot gives the row index of each aligned field. */
function rowsAt(forecasts: PanelForecast[], look: PlotLook, time: number) {
  const frames = plotFrames(forecasts, look);
  // As the plot joins them (GraphNG's preparePlotFrame): origin indices kept.
  const aligned = outerJoinDataFrames({ frames, keepOriginIndices: true })!;
  const idx = (aligned.fields[0].values as number[]).indexOf(time);
  return tooltipRows(
    frames,
    aligned,
    aligned.fields.map(() => idx)
  );
}

describe('tooltipRows', () => {
  const forecasts = [line('a', 1), line('b', 0.5)];

  it('gives the observed values in the past, formatted with the unit and decimals', () => {
    expect(rowsAt(forecasts, LOOK, T0 + 4 * HOUR)).toEqual([
      { series: 'host=a', color: '#f00', values: { actual: '54.0%' } },
      { series: 'host=b', color: '#0f0', values: { actual: '52.0%' } },
    ]);
  });

  it('gives actual and forecast where they meet, and forecast with its band beyond', () => {
    // The forecast starts at the last observation (anchor), so both are there at T0 + 9 h.
    expect(rowsAt(forecasts, LOOK, T0 + 9 * HOUR)[0].values).toEqual({
      actual: '59.0%',
      forecast: '59.0%',
      lower: '59.0%',
      upper: '59.0%',
    });
    expect(rowsAt(forecasts, LOOK, T0 + 11 * HOUR)).toEqual([
      { series: 'host=a', color: '#f00', values: { forecast: '61.0%', lower: '61.0%', upper: '61.0%' } },
      { series: 'host=b', color: '#0f0', values: { forecast: '55.5%', lower: '55.5%', upper: '55.5%' } },
    ]);
  });

  it('leaves out a series isolated away from the plot', () => {
    const rows = rowsAt(forecasts, { ...LOOK, hidden: new Set(['host=a']) }, T0 + 11 * HOUR);
    expect(rows.map((r) => r.series)).toEqual(['host=b']);
  });
});
