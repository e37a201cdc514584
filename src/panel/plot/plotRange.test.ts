import { emptySeriesForecast } from '../../models/forecastSeries';
import { PanelForecast } from '../usePanelForecasts';
import { plotRange } from './plotRange';

const H = 3_600_000;

function forecast(lastTime: number, end: number): PanelForecast {
  const series = { name: 'host=a', displayName: 'host=a', labels: { host: 'a' }, times: [lastTime], values: [1] };
  const result = {
    ...emptySeriesForecast(series),
    step: H,
    lastTime,
    forecast: { times: [lastTime + H, end], point: [1, 2], lower: [0, 1], upper: [2, 3], level: 0.95 },
  };
  return { series, result };
}

describe('plotRange', () => {
  const f = [forecast(100 * H, 200 * H)];

  it('stretches a range that ends at the newest data to the end of the forecast', () => {
    expect(plotRange(0, 100 * H, f, true)).toEqual({ from: 0, to: 200 * H });
    expect(plotRange(0, 101.5 * H, f, true)).toEqual({ from: 0, to: 200 * H });
  });

  it('keeps a zoomed range as it is: in the past, or inside the forecast', () => {
    expect(plotRange(10 * H, 50 * H, f, true)).toEqual({ from: 10 * H, to: 50 * H });
    expect(plotRange(90 * H, 150 * H, f, true)).toEqual({ from: 90 * H, to: 150 * H });
  });

  it('does not stretch when the forecast is hidden', () => {
    expect(plotRange(0, 100 * H, f, false)).toEqual({ from: 0, to: 100 * H });
  });
});
