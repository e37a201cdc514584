import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { ToolbarButton, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { TrendcastOptions } from '../types';

type OverlayKey = 'showForecast' | 'showBand' | 'showCrossings';

const TOGGLES: Array<{ key: OverlayKey; label: string; testId: string }> = [
  { key: 'showForecast', label: 'Forecast', testId: TEST_IDS.toggleForecast },
  { key: 'showBand', label: 'Band', testId: TEST_IDS.toggleBand },
  { key: 'showCrossings', label: 'Crossings', testId: TEST_IDS.toggleCrossings },
];

/** Overlay switches in the panel itself, so a viewer can toggle them without edit mode. */
export function OverlayToggles({
  options,
  onChange,
  modelLabel,
}: {
  options: TrendcastOptions;
  onChange: (o: TrendcastOptions) => void;
  modelLabel: string;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.bar}>
      {TOGGLES.map((t) => (
        <ToolbarButton
          key={t.key}
          data-testid={t.testId}
          aria-pressed={options[t.key]}
          variant={options[t.key] ? 'active' : 'default'}
          icon={options[t.key] ? 'eye' : 'eye-slash'}
          tooltip={`${options[t.key] ? 'Hide' : 'Show'} the ${t.label.toLowerCase()}`}
          onClick={() => onChange({ ...options, [t.key]: !options[t.key] })}
        >
          {t.label}
        </ToolbarButton>
      ))}
      <span className={styles.model}>{modelLabel}</span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({ display: 'flex', gap: theme.spacing(0.5), alignItems: 'center', height: 36, flex: 'none' }),
  model: css({ marginLeft: 'auto', color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
