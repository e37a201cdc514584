/**
 * @jest-environment jsdom
 */
import { createTheme, FieldType, ThresholdsMode } from '@grafana/data';
import { GraphThresholdsStyleMode } from '@grafana/schema';

import { forecastFitted } from '../../models/forecastSeries';
import { validForecastOptions } from '../../models/forecastOptions';
import { PanelForecast } from '../usePanelForecasts';
import { fieldRole, PlotLook, plotFrames } from './plotFrames';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

function line(host: string, slope: number): PanelForecast {
  const times = Array.from({ length: 24 }, (_, i) => T0 + i * HOUR);
  const series = {
    name: `host=${host}`,
    displayName: host,
    labels: { host },
    times,
    values: times.map((_, i) => 50 + slope * i + (i % 2 ? 0.3 : -0.3)),
    unit: 'percent',
  };
  return {
    series,
    result: forecastFitted(series, validForecastOptions({ model: 'linear', horizon: '6h', thresholds: [90] })),
  };
}

const FORECASTS = [line('a', 0.5), line('b', 0.1)];
const LOOK: PlotLook = {
  colors: ['#f00', '#0f0'],
  hidden: new Set(),
  showForecast: true,
  showBand: true,
  thresholds: {
    mode: ThresholdsMode.Absolute,
    steps: [
      { value: -Infinity, color: 'green' },
      { value: 90, color: 'red' },
    ],
  },
  thresholdsStyle: GraphThresholdsStyleMode.Dashed,
  thresholdRange: { min: 90, max: 90 },
  theme: createTheme(),
  timeZone: 'utc',
};

const numberFields = (frames: ReturnType<typeof plotFrames>) =>
  frames.flatMap((frame) => frame.fields.filter((f) => f.type === FieldType.number).map((field) => ({ frame, field })));

describe('plotFrames', () => {
  it('gives each series its observed frame and its forecast frame, all in the series colour', () => {
    const frames = plotFrames(FORECASTS, LOOK);
    const fields = numberFields(frames);
    expect(fields.map(({ frame, field }) => fieldRole(frame, field))).toEqual([
      { series: 'host=a', role: 'actual' },
      { series: 'host=a', role: 'forecast' },
      { series: 'host=a', role: 'lower' },
      { series: 'host=a', role: 'upper' },
      { series: 'host=b', role: 'actual' },
      { series: 'host=b', role: 'forecast' },
      { series: 'host=b', role: 'lower' },
      { series: 'host=b', role: 'upper' },
    ]);
    expect(fields.map(({ field }) => field.config.color?.fixedColor)).toEqual([
      ...Array(4).fill('#f00'),
      ...Array(4).fill('#0f0'),
    ]);
    // Only the observed lines are in the legend; the y axis always reaches the threshold.
    expect(fields.map(({ field }) => field.config.custom.hideFrom.legend)).toEqual([
      false,
      true,
      true,
      true,
      false,
      true,
      true,
      true,
    ]);
    expect(fields.every(({ field }) => field.config.custom.axisSoftMax === 90)).toBe(true);
    // The values are formatted with the unit (tooltip, axis).
    expect(fields[0].field.display!(55.25).suffix).toBe('%');
  });

  it('draws the thresholds once, in the threshold style, on the first series', () => {
    const fields = numberFields(plotFrames(FORECASTS, LOOK)).map(({ field }) => field);
    expect(fields[0].config.custom.thresholdsStyle).toEqual({ mode: 'dashed' });
    expect(fields[0].config.thresholds?.steps.map((s) => s.value)).toEqual([-Infinity, 90]);
    expect(fields.slice(1).filter((f) => f.config.custom.thresholdsStyle !== undefined)).toEqual([]);
  });

  it('draws the band as a fill with edge lines, and nothing of it when the band is off', () => {
    const on = numberFields(plotFrames(FORECASTS, LOOK)).map(({ field }) => field.config.custom);
    expect([on[2].lineWidth, on[3].lineWidth, on[3].fillOpacity, on[3].fillBelowTo]).toEqual([
      1,
      1,
      25,
      'host=a lower',
    ]);
    const off = numberFields(plotFrames(FORECASTS, { ...LOOK, showBand: false })).map(
      ({ field }) => field.config.custom
    );
    expect([off[2].hideFrom.viz, off[3].hideFrom.viz, off[3].fillOpacity, off[1].hideFrom.viz]).toEqual([
      true,
      true,
      0,
      false,
    ]);
  });

  it('hides an isolated-away series entirely and drops forecasts when they are off', () => {
    const hidden = numberFields(plotFrames(FORECASTS, { ...LOOK, hidden: new Set(['host=b']) }));
    expect(
      hidden.filter(({ field }) => field.config.custom.hideFrom.viz).map(({ frame, field }) => fieldRole(frame, field))
    ).toEqual([
      { series: 'host=b', role: 'actual' },
      { series: 'host=b', role: 'forecast' },
      { series: 'host=b', role: 'lower' },
      { series: 'host=b', role: 'upper' },
    ]);
    expect(plotFrames(FORECASTS, { ...LOOK, showForecast: false }).map((f) => f.name)).toEqual(['host=a', 'host=b']);
  });
});
