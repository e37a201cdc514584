import { parseSpan, spanToSteps } from './duration';

describe('parseSpan', () => {
  it.each([
    ['14d', { kind: 'ms', ms: 14 * 86_400_000 }],
    ['48h', { kind: 'ms', ms: 48 * 3_600_000 }],
    ['1.5h', { kind: 'ms', ms: 5_400_000 }],
    ['90s', { kind: 'ms', ms: 90_000 }],
    ['2w', { kind: 'ms', ms: 14 * 86_400_000 }],
    ['48', { kind: 'steps', steps: 48 }],
  ])('%s', (text, span) => {
    expect(parseSpan(text)).toEqual({ span });
  });
  it('treats empty text as no span and explains bad text', () => {
    expect(parseSpan('  ')).toEqual({ span: null });
    expect(parseSpan('soon')).toEqual({ error: expect.stringContaining('"soon" is not a duration') });
    expect(parseSpan('0')).toEqual({ error: expect.stringContaining('more than 0') });
    expect(parseSpan('-3d')).toHaveProperty('error');
  });
});

describe('spanToSteps', () => {
  it('rounds a duration up to whole steps', () => {
    expect(spanToSteps({ kind: 'ms', ms: 86_400_000 }, 3_600_000)).toBe(24);
    expect(spanToSteps({ kind: 'ms', ms: 90 * 60_000 }, 3_600_000)).toBe(2);
    expect(spanToSteps({ kind: 'steps', steps: 7 }, 1)).toBe(7);
  });
});
