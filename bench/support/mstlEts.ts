import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * MSTL with an AutoETS trend from `@bsull/augurs` (a dev dependency): the forecaster Grafana's own
 * in-browser forecasting uses, as a reference the benchmarks score beside Trendcast on the same
 * split. Null when the package cannot be loaded.
 */
export interface MstlEts {
  version: string;
  forecast(
    train: ArrayLike<number>,
    h: number,
    periods: number[],
    level: number
  ): {
    point: number[];
    lower: number[];
    upper: number[];
  };
}

interface AugursMstl {
  initSync(options: { module: Buffer }): void;
  MSTL: {
    ets(periods: number[]): {
      fit(y: Float64Array): void;
      predict(h: number, level: number): { point: number[]; intervals?: { lower: number[]; upper: number[] } };
      free(): void;
    };
  };
}

export function loadMstlEts(): MstlEts | null {
  try {
    const require = createRequire(__filename);
    const main = require.resolve('@bsull/augurs/mstl');
    const mstl = require(main) as AugursMstl;
    // The wasm module is read from the package folder and instantiated synchronously (no fetch).
    mstl.initSync({ module: readFileSync(main.replace(/mstl\.js$/, 'mstl_bg.wasm')) });
    const version = (require(main.replace(/mstl\.js$/, 'package.json')) as { version: string }).version;
    return {
      version,
      forecast(train, h, periods, level) {
        const model = mstl.MSTL.ets(periods);
        try {
          model.fit(Float64Array.from(train));
          const f = model.predict(h, level);
          return {
            point: Array.from(f.point),
            lower: Array.from(f.intervals?.lower ?? []),
            upper: Array.from(f.intervals?.upper ?? []),
          };
        } finally {
          model.free();
        }
      },
    };
  } catch {
    return null;
  }
}
