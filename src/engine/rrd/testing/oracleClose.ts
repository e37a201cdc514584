/**
 * Test-only assertions against the oracle vectors (imported by *.test.ts, never by engine code).
 * Tolerance from shared/oracles/README.md "File format conventions":
 * |a − b| ≤ rel·max(1, |b|), NaN must equal NaN, lengths must match.
 */

/** True when `actual` matches `expected` within the oracle tolerance (NaN only matches NaN). */
export function oracleClose(actual: number, expected: number, rel = 1e-9): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) {
    return Number.isNaN(expected) && Number.isNaN(actual);
  }
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    return actual === expected;
  }
  return Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected));
}

/** Fails with the first few mismatching indices when two series differ beyond the tolerance. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  label: string,
  rel = 1e-9
): void {
  expect({ label, length: actual.length }).toEqual({ label, length: expected.length });
  const bad: string[] = [];
  let mismatches = 0;
  for (let i = 0; i < expected.length; i++) {
    if (!oracleClose(actual[i], expected[i], rel)) {
      mismatches++;
      if (bad.length < 5) {
        bad.push(`[${i}] got ${actual[i]} want ${expected[i]}`);
      }
    }
  }
  expect({ label, mismatches, first: bad }).toEqual({ label, mismatches: 0, first: [] });
}

/** Scalar form of expectAllClose. */
export function expectClose(actual: number, expected: number, label: string, rel = 1e-9): void {
  expect({ label, ok: oracleClose(actual, expected, rel), actual, expected }).toEqual({
    label,
    ok: true,
    actual,
    expected,
  });
}
