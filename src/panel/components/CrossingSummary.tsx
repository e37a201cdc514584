import { css, cx } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { CrossingSummaryText, SummaryLineKind } from '../summary/crossingSummary';

const LINE_TEST_IDS: Record<SummaryLineKind, string> = {
  crossing: TEST_IDS.crossingLine,
  quiet: TEST_IDS.quietLine,
  problem: TEST_IDS.problem,
  notice: TEST_IDS.notice,
};

/** The text under the chart (crossingSummary): what the dates mean, then one line per entry. */
export function CrossingSummary({ summary, maxHeight }: { summary: CrossingSummaryText; maxHeight: number }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} style={{ maxHeight }} data-testid={TEST_IDS.crossingSummary}>
      {summary.header && (
        <div className={styles.header} data-testid={TEST_IDS.summaryHeader}>
          {summary.header}
        </div>
      )}
      <ul className={styles.list}>
        {summary.lines.map((line, i) => (
          <li
            key={`${line.kind}-${i}`}
            data-testid={LINE_TEST_IDS[line.kind]}
            className={cx(
              styles.item,
              line.kind === 'problem' && styles.problem,
              line.kind === 'notice' && styles.notice
            )}
          >
            {line.kind === 'problem' && <Icon name="exclamation-triangle" size="sm" />}
            {line.kind === 'notice' && <Icon name="info-circle" size="sm" />}
            {line.color && <span className={styles.swatch} style={{ background: line.color }} />}
            <span>{line.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    overflowY: 'auto',
    flex: 'none',
    paddingTop: theme.spacing(0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: '20px',
  }),
  header: css({ color: theme.colors.text.secondary }),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  item: css({ display: 'flex', alignItems: 'baseline', gap: theme.spacing(1) }),
  swatch: css({ width: 10, height: 3, borderRadius: 1, flex: 'none', alignSelf: 'center' }),
  problem: css({ color: theme.colors.warning.text }),
  notice: css({ color: theme.colors.text.secondary }),
});
