/**
 * @jest-environment jsdom
 */
import { ThresholdsMode } from '@grafana/data';

import { thresholdLines } from './thresholdValues';

describe('thresholdLines', () => {
  const steps = [
    { value: -Infinity, color: 'green' },
    { value: 90, color: 'orange' },
    { value: 100, color: 'red' },
  ];
  it('takes every step but the base', () => {
    expect(thresholdLines({ mode: ThresholdsMode.Absolute, steps }).map((t) => t.value)).toEqual([90, 100]);
  });
  it('places percentage thresholds between min and max, and skips them without both', () => {
    expect(thresholdLines({ mode: ThresholdsMode.Percentage, steps }, 0, 200).map((t) => t.value)).toEqual([180, 200]);
    expect(thresholdLines({ mode: ThresholdsMode.Percentage, steps })).toEqual([]);
  });
});
