/**
 * The standard field-config properties applyFieldOverrides copies from `fieldConfig.defaults` onto each
 * field. Grafana fills this registry at start-up from app code (not on npm); outside Grafana the
 * registry in @grafana/data is empty and no default (thresholds, unit, min/max) would reach the panel.
 * Only the properties Trendcast declares (src/panel/options.ts) plus display name and color are listed;
 * their processors are @grafana/data's own.
 */
import {
  FieldConfigOptionsRegistry,
  FieldConfigPropertyItem,
  FieldColor,
  FieldConfigSource,
  ThresholdsConfig,
  ThresholdsMode,
  displayNameOverrideProcessor,
  identityOverrideProcessor,
  numberOverrideProcessor,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  unitOverrideProcessor,
} from '@grafana/data';

import type { FieldConfigJSON } from './hostPageConfig';

// Editors are never shown on the host page; the registry type still requires components.
const NoEditor = () => null;

function item(id: string, process: FieldConfigPropertyItem['process']): FieldConfigPropertyItem {
  return { id, name: id, path: id, process, shouldApply: () => true, editor: NoEditor, override: NoEditor };
}

/** Builds a registry with unit, decimals, min, max, thresholds, color, displayName and noValue. */
export function createStandardFieldConfigRegistry(): FieldConfigOptionsRegistry {
  return new FieldConfigOptionsRegistry(() => [
    item('unit', unitOverrideProcessor as FieldConfigPropertyItem['process']),
    item('decimals', numberOverrideProcessor),
    item('min', numberOverrideProcessor),
    item('max', numberOverrideProcessor),
    item('thresholds', thresholdsOverrideProcessor),
    item('color', identityOverrideProcessor),
    item('displayName', displayNameOverrideProcessor),
    item('noValue', stringOverrideProcessor),
  ]);
}

/**
 * Converts the JSON field config to Grafana's FieldConfigSource. Dashboard JSON writes the base
 * threshold step as `value: null`; Grafana turns it back into −∞ when it loads a panel, so do we.
 */
export function toFieldConfigSource(json: FieldConfigJSON): FieldConfigSource {
  const { thresholds, color, ...rest } = json.defaults;
  const defaults: FieldConfigSource['defaults'] = { ...rest };
  if (color) {
    // The mode string is one of Grafana's FieldColorModeId values; JSON cannot carry the enum type.
    defaults.color = color as FieldColor;
  }
  if (thresholds) {
    const converted: ThresholdsConfig = {
      mode: thresholds.mode === 'percentage' ? ThresholdsMode.Percentage : ThresholdsMode.Absolute,
      steps: thresholds.steps.map((s) => ({ value: s.value === null ? -Infinity : s.value, color: s.color })),
    };
    defaults.thresholds = converted;
  }
  return { defaults, overrides: json.overrides as FieldConfigSource['overrides'] };
}
