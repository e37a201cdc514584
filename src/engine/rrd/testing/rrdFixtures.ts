/**
 * Test-only loaders for the rrdtool oracle fixtures in tests/fixtures/oracles/rrd (copied from
 * shared/oracles/rrd, see tests/fixtures/oracles/PROVENANCE.md).
 */
import { join } from 'node:path';
import { readCsv, type OracleCsv } from '../../../../tests/support/readOracleCsv';
import type { RegularSeries } from '../../types';

export const FIXTURES = join(__dirname, '../../../../tests/fixtures/oracles/rrd');
/** 2024-01-01 00:00:00 UTC, the `rrdtool create --start` of every oracle RRD, in ms. */
export const T0_MS = 1704067200 * 1000;
export const STEP_MS = 300 * 1000;
export const SEC = 1000;

export function readRrdCsv(file: string): OracleCsv {
  return readCsv(join(FIXTURES, file));
}

/**
 * An oracle input (`inputs/NAME.csv`, timestamp,value with empty = unknown) as a regular series in
 * ms. Throws if the timestamps are not the contiguous 300 s grid the README promises, so a broken
 * fixture cannot pass silently.
 */
export function readRrdInput(name: string): RegularSeries {
  const csv = readRrdCsv(`inputs/${name}.csv`);
  const ts = csv.columns.timestamp;
  for (let k = 0; k < ts.length; k++) {
    if (ts[k] * SEC !== T0_MS + (k + 1) * STEP_MS) {
      throw new Error(`inputs/${name}.csv: timestamp ${k} is ${ts[k]}, not on the T0 + 300·k grid`);
    }
  }
  return { start: ts[0] * SEC, step: STEP_MS, values: Float64Array.from(csv.columns.value) };
}

/** The graph range an xport file covers: it prints rows S+step … E, so S = first − step, E = last. */
export function printedRange(csv: OracleCsv, stepMs = STEP_MS): { start: number; end: number } {
  const ts = csv.columns.timestamp;
  return { start: ts[0] * SEC - stepMs, end: ts[ts.length - 1] * SEC };
}
