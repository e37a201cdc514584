/**
 * The sequences the networks model. Decomposed variant: statsmodels-style additive decomposition
 * (engine/stats/decompose.ts) with the trend extrapolated to both edges by a straight line over
 * one period (extrapolate_trend='freq'), so every row has all three components and nothing is
 * shifted back by half the filter width as in the seed. The trend is modelled as its step
 * differences; seasonal and residual as values. Raw variant: the series itself.
 */
import { decompose } from '../../engine/stats/decompose';
import { detectSeasonality } from '../../engine/stats/seasonality';
import { Problem } from '../../engine/types';
import { ComponentName } from './lstmState';

export interface ComponentSeries {
  name: ComponentName;
  differenced: boolean;
  /** Windows centred on their own mean (the raw series: levels move, shapes repeat). */
  centred: boolean;
  /** The component's level per row (what is summed into the forecast). */
  level: Float64Array;
  /** The sequence the network sees: level, or its differences (first value NaN). */
  modelled: Float64Array;
}

/**
 * Period for the decomposition: the caller's, else the ACF's (a weekly secondary cycle wins with
 * three weeks of data, as in seasonal.ts). null when there is none.
 */
export function choosePeriod(y: ArrayLike<number>, stepMs: number, known?: number): number | null {
  if (known !== undefined && Number.isInteger(known) && known >= 2) {
    return known;
  }
  const found = detectSeasonality(y, { stepMs });
  const weekly = found.secondaryPeriod;
  if (weekly !== null && found.period !== null && weekly % found.period === 0 && y.length >= 3 * weekly) {
    return weekly;
  }
  return found.period;
}

/** Differences v[i] − v[i−1] (first NaN). */
export function differences(v: ArrayLike<number>): Float64Array {
  const d = new Float64Array(v.length);
  d[0] = NaN;
  for (let i = 1; i < v.length; i++) {
    d[i] = v[i] - v[i - 1];
  }
  return d;
}

/** The modelled sequences of a gap-filled series; a Problem when the decomposition cannot run. */
export function splitComponents(
  filled: Float64Array,
  variant: 'decomposed' | 'raw',
  period: number | null
): ComponentSeries[] | Problem {
  if (variant === 'raw' || period === null) {
    return [{ name: 'series', differenced: false, centred: true, level: filled, modelled: filled }];
  }
  const d = decompose(filled, period, { extrapolateTrend: 'freq' });
  if (d.problem) {
    return { code: d.problem.code, message: `LSTM decomposition with period ${period}: ${d.problem.message}` };
  }
  return [
    { name: 'trend', differenced: true, centred: false, level: d.trend, modelled: differences(d.trend) },
    { name: 'seasonal', differenced: false, centred: false, level: d.seasonal, modelled: d.seasonal },
    { name: 'residual', differenced: false, centred: false, level: d.resid, modelled: d.resid },
  ];
}
