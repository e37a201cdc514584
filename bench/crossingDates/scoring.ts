import { Crossing } from '../../src/engine/types';

const HOUR = 3_600_000;

/**
 * What a method said about one threshold: a date (epoch ms) or null for "not within the horizon",
 * and for Trendcast methods the band's [earliest, latest], where null means "beyond the horizon".
 */
export interface CrossingCall {
  date: number | null;
  band: { earliest: number | null; latest: number | null } | null;
}

/** Reads a Trendcast crossing as a call; 'already-beyond' is a date of "now" (the alert is due). */
export function callFromCrossing(c: Crossing | undefined, lastTime: number): CrossingCall {
  if (!c) {
    return { date: null, band: null };
  }
  if (c.status === 'already-beyond') {
    return { date: lastTime, band: { earliest: lastTime, latest: lastTime } };
  }
  if (c.status === 'crosses') {
    return { date: c.time, band: { earliest: c.earliest, latest: c.latest } };
  }
  return { date: null, band: { earliest: c.earliest, latest: null } };
}

/** Running tally of one method on one threshold over the suite. */
export interface MethodScore {
  /** Volumes where truth and call are both dates inside the horizon: the errors below. */
  absErrorsH: number[];
  signedErrorsH: number[];
  /** Said "not within horizon" while the truth is inside it. */
  missedInside: number;
  /** Gave a date inside the horizon while the truth is beyond it. */
  falseInside: number;
  /** Truth and call both beyond the horizon: right, with no error to measure. */
  bothBeyond: number;
  /** Band coverage: volumes whose truth lies in [earliest, latest], out of bandTotal. */
  covered: number;
  bandTotal: number;
  /** latest − earliest in hours, where both band edges reach the threshold inside the horizon. */
  bandWidthsH: number[];
  /** Volumes whose true date is inside the horizon (they fill), and those dated within 10 % of the lead time. */
  fills: number;
  withinTenth: number;
  /** Volumes whose true date is beyond the horizon. */
  quiet: number;
  /** (latest − earliest) / lead time, for volumes that fill (an edge beyond the horizon counts as the horizon's end). */
  relativeWidths: number[];
}

export function emptyScore(): MethodScore {
  return {
    absErrorsH: [],
    signedErrorsH: [],
    missedInside: 0,
    falseInside: 0,
    bothBeyond: 0,
    covered: 0,
    bandTotal: 0,
    bandWidthsH: [],
    fills: 0,
    withinTenth: 0,
    quiet: 0,
    relativeWidths: [],
  };
}

/**
 * Scores one call against the truth (epoch ms, possibly beyond horizonEnd or Infinity).
 * Coverage: a truth inside the horizon is covered when earliest ≤ truth ≤ latest (a null edge is
 * "beyond the horizon", i.e. +∞); a truth beyond the horizon is covered when latest is null.
 */
export function scoreCall(
  score: MethodScore,
  call: CrossingCall,
  truth: number,
  horizonEnd: number,
  lastTime: number
): void {
  const truthInside = truth <= horizonEnd;
  if (truthInside) {
    score.fills++;
    const lead = Math.max(truth - lastTime, 0);
    if (call.date !== null && Math.abs(call.date - truth) <= 0.1 * lead) {
      score.withinTenth++;
    }
    if (call.band) {
      const lo = call.band.earliest ?? horizonEnd;
      const hi = call.band.latest ?? horizonEnd;
      if (lead > 0) {
        score.relativeWidths.push((hi - lo) / lead);
      }
    }
  } else {
    score.quiet++;
  }
  if (call.date !== null && truthInside) {
    const e = (call.date - truth) / HOUR;
    score.signedErrorsH.push(e);
    score.absErrorsH.push(Math.abs(e));
  } else if (call.date === null && truthInside) {
    score.missedInside++;
  } else if (call.date !== null && !truthInside) {
    score.falseInside++;
  } else {
    score.bothBeyond++;
  }
  if (call.band) {
    score.bandTotal++;
    const lo = call.band.earliest ?? Infinity;
    const hi = call.band.latest ?? Infinity;
    if (truthInside ? lo <= truth && truth <= hi : call.band.latest === null) {
      score.covered++;
    }
    if (Number.isFinite(hi)) {
      score.bandWidthsH.push((hi - lo) / HOUR);
    }
  }
}
