/**
 * Forecast accuracy as M4 defines it (MAPE, sMAPE, MASE; percentages in %), beside the seasonal
 * naive forecast's MASE on the same rows: the bar a model has to beat. The LSTM's held-out
 * backtest and the benchmarks score with it.
 */
export interface ForecastScores {
  /** Rows forecast (the actual values scored against). */
  horizon: number;
  /** Rows scored (finite actual and forecast). */
  points: number;
  /** Mean |e| / |y| in %; null when an actual value is 0 (undefined). */
  mape: number | null;
  /** Mean 2|e| / (|y| + |ŷ|) in % (a point where both are 0 counts 0). */
  smape: number;
  /** Mean |e| over the in-sample mean |y[t] − y[t−m]|; null when that scale is 0. */
  mase: number | null;
  /** The same MASE for the seasonal naive forecast over the same rows: the bar to beat. */
  naiveMase: number | null;
  /** m of the MASE scale and the seasonal naive (the period, 1 without one). */
  seasonality: number;
}

/** M4's scores of `forecast` against `actual`; `insample` gives the MASE scale (lag m). */
export function forecastScores(
  insample: ArrayLike<number>,
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  m: number
): ForecastScores {
  const lag = insample.length > m ? m : 1;
  let scale = 0;
  let scaleN = 0;
  for (let t = lag; t < insample.length; t++) {
    const d = Math.abs(insample[t] - insample[t - lag]);
    if (Number.isFinite(d)) {
      scale += d;
      scaleN++;
    }
  }
  scale = scaleN > 0 ? scale / scaleN : NaN;
  let points = 0;
  let ae = 0;
  let naiveAe = 0;
  let ape = 0;
  let apeDefined = true;
  let sape = 0;
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k];
    const f = forecast[k];
    const naive = insample[insample.length - lag + (k % lag)];
    if (!Number.isFinite(a) || !Number.isFinite(f)) {
      continue;
    }
    points++;
    const e = Math.abs(a - f);
    ae += e;
    naiveAe += Number.isFinite(naive) ? Math.abs(a - naive) : NaN;
    if (a === 0) {
      apeDefined = false;
    } else {
      ape += e / Math.abs(a);
    }
    const d = Math.abs(a) + Math.abs(f);
    sape += d === 0 ? 0 : (2 * e) / d;
  }
  const mase = (sum: number) => (points > 0 && scale > 0 && Number.isFinite(sum) ? sum / points / scale : null);
  return {
    horizon: actual.length,
    points,
    mape: points > 0 && apeDefined ? (100 * ape) / points : null,
    smape: points > 0 ? (100 * sape) / points : NaN,
    mase: mase(ae),
    naiveMase: mase(naiveAe),
    seasonality: lag,
  };
}
