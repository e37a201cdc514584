import { PanelForecast } from '../usePanelForecasts';

/**
 * The time range the plot shows. A dashboard range that ends at the newest data ("last 30 days")
 * is stretched to the end of the forecasts, so the horizon is in view; any other range (a zoom
 * into the past, or into the forecast) is shown as it is. "Ends at the newest data": `to` is no
 * earlier than the last observation and no more than two steps after it.
 */
export function plotRange(
  from: number,
  to: number,
  forecasts: PanelForecast[],
  showForecast: boolean
): { from: number; to: number } {
  let newest = -Infinity;
  let end = -Infinity;
  let step = 0;
  for (const { result } of forecasts) {
    if (result.lastTime !== null) {
      newest = Math.max(newest, result.lastTime);
    }
    if (Number.isFinite(result.step)) {
      step = Math.max(step, result.step);
    }
    const times = result.forecast?.times;
    if (times && times.length > 0) {
      end = Math.max(end, times[times.length - 1]);
    }
  }
  const endsAtData = to >= newest && to <= newest + 2 * step;
  return showForecast && endsAtData && end > to ? { from, to: end } : { from, to };
}
