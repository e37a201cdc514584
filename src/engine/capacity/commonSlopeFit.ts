/**
 * Least squares of y on x with one slope shared by several pieces and an intercept per piece:
 * the trend of a disk whose clean-ups drop the level but leave the write rate as it was.
 * Pieces are [from, to) ranges of the arrays; NaN values are skipped.
 */
export interface PieceSums {
  m: number;
  xMean: number;
  yMean: number;
  sxx: number;
  sxy: number;
  syy: number;
}

export interface CommonSlopeFit {
  slope: number;
  /** Per piece, in the order given: the mean point the piece's line goes through. */
  pieces: PieceSums[];
  /** Σ over pieces of the residual sum of squares. */
  sse: number;
  /** Finite points in all. */
  m: number;
  /** Σ sxx: the slope's information. */
  sxx: number;
}

export function pieceSums(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): PieceSums {
  let m = 0;
  let xs = 0;
  let ys = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(y[i])) {
      m++;
      xs += x[i];
      ys += y[i];
    }
  }
  const xMean = m > 0 ? xs / m : NaN;
  const yMean = m > 0 ? ys / m : NaN;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(y[i])) {
      const dx = x[i] - xMean;
      const dy = y[i] - yMean;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
  }
  return { m, xMean, yMean, sxx, sxy, syy };
}

export function commonSlopeFit(pieces: PieceSums[]): CommonSlopeFit {
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let m = 0;
  const used = pieces.filter((p) => p.m > 0);
  for (const p of used) {
    sxx += p.sxx;
    sxy += p.sxy;
    syy += p.syy;
    m += p.m;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const sse = Math.max(0, syy - slope * sxy);
  return { slope, pieces, sse, m, sxx };
}

/** Residual sum of squares of one piece's own line. */
export function lineSse(p: PieceSums): number {
  return p.m < 3 || !(p.sxx > 0) ? 0 : Math.max(0, p.syy - (p.sxy * p.sxy) / p.sxx);
}
