/**
 * Access to the Python oracle fixtures (tests/fixtures/oracles/python, copied from
 * shared/oracles/python; see PROVENANCE.md) and the tolerance check the oracle README asks for.
 *
 * Test support only: it uses node:fs, so the engine must never import it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { readCsv } from './readOracleCsv';

/** Root of the Python oracle fixtures. */
export const PYTHON_ORACLES = join(__dirname, '..', 'fixtures', 'oracles', 'python');

/** The four input series of the Python oracles. */
export const PYTHON_SERIES = ['weekly', 'daily_break', 'disk_sawtooth', 'm4_H1'] as const;
export type PythonSeriesName = (typeof PYTHON_SERIES)[number];

/** Column `value` of python/inputs/NAME.csv. */
export function readPythonInput(name: PythonSeriesName): Float64Array {
  return readCsv(join(PYTHON_ORACLES, 'inputs', `${name}.csv`)).columns.value;
}

/** Every numeric column of a CSV under python/ (path relative to it). */
export function readPythonCsv(rel: string): Record<string, Float64Array> {
  return readCsv(join(PYTHON_ORACLES, rel)).columns;
}

/** A JSON file under python/, with the README's `"NaN"` / `"Infinity"` strings turned into numbers. */
export function readPythonJson<T>(rel: string): T {
  const text = readFileSync(join(PYTHON_ORACLES, rel), 'utf8');
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === 'NaN') {
      return NaN;
    }
    if (v === 'Infinity') {
      return Infinity;
    }
    if (v === '-Infinity') {
      return -Infinity;
    }
    return v;
  }) as T;
}

/**
 * The oracle README's comparison: |a − b| ≤ rel · max(1, |b|), NaN only equal to NaN.
 * Returns a description of the first mismatch, or null when everything matches, so
 * `expect(firstMismatch(a, b)).toBeNull()` prints what went wrong.
 */
export function firstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-9): string | null {
  if (actual.length !== expected.length) {
    return `length ${actual.length} != ${expected.length}`;
  }
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const b = expected[i];
    if (Number.isNaN(b) || Number.isNaN(a)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) {
        return `[${i}] ${a} != ${b} (NaN mismatch)`;
      }
      continue;
    }
    if (!(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)))) {
      return `[${i}] ${a} != ${b}`;
    }
  }
  return null;
}

/** Scalar version of the same rule. */
export function close(actual: number, expected: number, rel = 1e-9): boolean {
  return firstMismatch([actual], [expected], rel) === null;
}
