/**
 * Durations as users type them in the panel, the data source and the CLI: `90s`, `30m`, `48h`,
 * `14d`, `2w`, or a bare number meaning a count of steps (`48`).
 */
export type Span = { kind: 'ms'; ms: number } | { kind: 'steps'; steps: number };

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Parses a span; returns an error message instead of throwing. Empty text gives null (no span). */
export function parseSpan(text: string): { span: Span | null } | { error: string } {
  const s = text.trim();
  if (s === '') {
    return { span: null };
  }
  const steps = /^\d+$/.exec(s);
  if (steps) {
    const n = Number(s);
    return n > 0 ? { span: { kind: 'steps', steps: n } } : { error: `"${text}" must be more than 0 steps` };
  }
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|y)$/.exec(s);
  if (!m) {
    return {
      error: `"${text}" is not a duration: use a number of steps (48) or a number and a unit (90s, 30m, 48h, 14d, 2w)`,
    };
  }
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  return ms > 0 ? { span: { kind: 'ms', ms } } : { error: `"${text}" must be longer than 0` };
}

/** Number of steps a span covers (rounded up, at least 1). */
export function spanToSteps(span: Span, stepMs: number): number {
  if (span.kind === 'steps') {
    return span.steps;
  }
  return Math.max(1, Math.ceil(span.ms / stepMs - 1e-9));
}
