/**
 * The demo page's model picker in a Trendcast panel's header: what a viewer would otherwise change in
 * the panel editor (Forecast → Model), applied through the host's option path.
 */
import { Select } from '@grafana/ui';

import { MODEL_CHOICES } from '../../../src/panel/modelChoices';

export function ModelPicker({ value, onChange }: { value: string; onChange: (model: string) => void }) {
  return (
    <div data-testid="host-model-picker" style={{ width: 220, fontWeight: 'normal' }}>
      <Select aria-label="Model" options={MODEL_CHOICES} value={value} onChange={(v) => v.value && onChange(v.value)} />
    </div>
  );
}
