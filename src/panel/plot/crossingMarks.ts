import { crossingPhrase, PhraseContext } from '../summary/crossingPhrase';
import { PanelForecast } from '../usePanelForecasts';

/** A crossing drawn as a marker on its threshold line, with the sentence its tooltip shows. */
export interface CrossingMark {
  series: string;
  threshold: number;
  time: number;
  color: string;
  text: string;
}

/** The markers of the forecasts that reach a threshold within the horizon (shown series only). */
export function crossingMarks(
  forecasts: PanelForecast[],
  colors: string[],
  hidden: ReadonlySet<string>,
  ctx: PhraseContext
): CrossingMark[] {
  const marks: CrossingMark[] = [];
  forecasts.forEach(({ series, result }, i) => {
    if (hidden.has(series.name)) {
      return;
    }
    for (const c of result.crossings) {
      if (c.status === 'crosses' && c.time !== null) {
        marks.push({
          series: series.name,
          threshold: c.threshold,
          time: c.time,
          color: colors[i],
          text: `${series.name}: ${crossingPhrase(c, ctx)}`,
        });
      }
    }
  });
  return marks;
}
