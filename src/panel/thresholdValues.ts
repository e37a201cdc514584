import { ThresholdsConfig, ThresholdsMode } from '@grafana/data';

export interface ThresholdLine {
  value: number;
  color: string;
}

/**
 * The threshold values a forecast is dated against, from Grafana's standard Thresholds config:
 * every step but the base (−∞). Percentage mode is relative to the field's min..max, as Grafana
 * draws it; without both, percentage thresholds cannot be placed and are skipped.
 */
export function thresholdLines(
  config: ThresholdsConfig | undefined,
  min?: number | null,
  max?: number | null
): ThresholdLine[] {
  if (!config) {
    return [];
  }
  const out: ThresholdLine[] = [];
  for (const step of config.steps) {
    if (step.value === null || !Number.isFinite(step.value)) {
      continue;
    }
    if (config.mode === ThresholdsMode.Percentage) {
      if (min === null || min === undefined || max === null || max === undefined) {
        continue;
      }
      out.push({ value: min + ((max - min) * step.value) / 100, color: step.color });
    } else {
      out.push({ value: step.value, color: step.color });
    }
  }
  return out;
}
