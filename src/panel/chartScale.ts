/** A linear scale from a data domain to pixels, and "nice" tick values for an axis. */
export interface Scale {
  (v: number): number;
  domain: [number, number];
}

export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0 || 1;
  const f = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
  f.domain = [d0, d1];
  return f;
}

/** About `count` round tick values (1, 2, 5 × 10^k steps) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || count < 1) {
    return [];
  }
  if (lo === hi) {
    return [lo];
  }
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm >= 5 ? 10 : norm >= 2 ? 5 : norm >= 1 ? 2 : 1) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

const TIME_STEPS = [
  60e3,
  300e3,
  900e3,
  1800e3,
  3600e3,
  3 * 3600e3,
  6 * 3600e3,
  12 * 3600e3,
  86400e3,
  2 * 86400e3,
  7 * 86400e3,
  14 * 86400e3,
  30 * 86400e3,
];

/** Tick times on round minutes/hours/days, about `count` of them (aligned in UTC). */
export function timeTicks(from: number, to: number, count: number): number[] {
  if (!(to > from) || count < 1) {
    return [];
  }
  const want = (to - from) / count;
  const step = TIME_STEPS.find((s) => s >= want) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    out.push(t);
  }
  return out;
}

/** An SVG path through (t, v) points, broken at gaps (NaN values). */
export function linePath(
  times: ArrayLike<number>,
  values: ArrayLike<number | null | undefined>,
  x: Scale,
  y: Scale
): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v) || !Number.isFinite(times[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(times[i]).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** A closed SVG area between lower and upper edges (the band), from the given start point. */
export function bandPath(
  times: number[],
  lower: number[],
  upper: number[],
  x: Scale,
  y: Scale,
  start?: { t: number; v: number }
): string {
  const pts: string[] = [];
  if (start) {
    pts.push(`${x(start.t).toFixed(1)},${y(start.v).toFixed(1)}`);
  }
  for (let i = 0; i < times.length; i++) {
    if (Number.isFinite(upper[i])) {
      pts.push(`${x(times[i]).toFixed(1)},${y(upper[i]).toFixed(1)}`);
    }
  }
  for (let i = times.length - 1; i >= 0; i--) {
    if (Number.isFinite(lower[i])) {
      pts.push(`${x(times[i]).toFixed(1)},${y(lower[i]).toFixed(1)}`);
    }
  }
  return pts.length > 2 ? `M${pts.join('L')}Z` : '';
}
