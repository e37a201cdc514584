import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Icon, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { crossingSentence } from '../crossingText';
import { PanelForecast } from '../usePanelForecasts';

/** The at-a-glance text: when each series reaches each threshold, and per-series problems in place. */
export function CrossingSummary(p: {
  forecasts: PanelForecast[];
  colors: string[];
  timeZone: TimeZone;
  formatValue: (v: number) => string;
  showCrossings: boolean;
  maxHeight: number;
}) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.list} style={{ maxHeight: p.maxHeight }} data-testid={TEST_IDS.crossingSummary}>
      {p.forecasts.map(({ series, result }, i) => {
        const label = result.name;
        if (result.problem) {
          return (
            <li key={label + i} className={styles.problem} data-testid={TEST_IDS.problem}>
              <Icon name="exclamation-triangle" size="sm" /> {label}: no forecast — {result.problem.message}
            </li>
          );
        }
        if (!p.showCrossings) {
          return null;
        }
        return result.crossings.map((c) => (
          <li key={`${label}${i}-${c.threshold}`} data-testid={TEST_IDS.crossingLine} className={styles.item}>
            <span className={styles.swatch} style={{ background: p.colors[i] }} />
            {crossingSentence(label, c, p.formatValue, p.timeZone)}
          </li>
        ));
      })}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: theme.spacing(0.5, 0, 0, 0),
    fontSize: theme.typography.bodySmall.fontSize,
    overflowY: 'auto',
    flex: 'none',
  }),
  item: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), height: 20, whiteSpace: 'nowrap' }),
  swatch: css({ width: 10, height: 3, borderRadius: 1, flex: 'none' }),
  problem: css({ color: theme.colors.warning.text, height: 20, whiteSpace: 'nowrap' }),
});
