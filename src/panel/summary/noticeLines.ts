import { PanelForecast } from '../usePanelForecasts';

/** Series named on a notice line, up to this many; beyond it their count. */
const NAMED_SERIES = 4;

/**
 * The engine's notices about the data (points sorted, duplicates merged, gaps, …), one line per
 * distinct message with the series it concerns, sorted by message:
 * `timestamps were out of order and have been sorted: host=a, host=b`.
 */
export function noticeLines(forecasts: PanelForecast[]): string[] {
  const bySeries = new Map<string, string[]>();
  for (const { series, result } of forecasts) {
    for (const n of result.notices) {
      const names = bySeries.get(n.message) ?? [];
      if (!names.includes(series.name)) {
        names.push(series.name);
      }
      bySeries.set(n.message, names);
    }
  }
  return Array.from(bySeries.entries())
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([message, names]) => {
      const who = names.length <= NAMED_SERIES ? names.join(', ') : `${names.length} series`;
      return `${who}: ${message}`;
    });
}
