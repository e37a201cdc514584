import { css } from '@emotion/css';
import { DataFrame, dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { tooltipRows } from '../plot/tooltipRows';

const COLUMNS = [
  ['actual', 'Actual'],
  ['forecast', 'Forecast'],
  ['lower', 'Lower'],
  ['upper', 'Upper'],
] as const;

/** The hover tooltip: the time, then per series its actual, forecast, lower and upper values. */
export function ForecastTooltip(p: {
  frames: DataFrame[];
  alignedFrame: DataFrame;
  dataIdxs: Array<number | null>;
  timeZone: TimeZone;
}) {
  const styles = useStyles2(getStyles);
  const xIdx = p.dataIdxs[0];
  const time = xIdx === null || xIdx === undefined ? undefined : p.alignedFrame.fields[0]?.values[xIdx];
  const rows = tooltipRows(p.frames, p.alignedFrame, p.dataIdxs);
  return (
    <div className={styles.box} data-testid={TEST_IDS.tooltip}>
      {typeof time === 'number' && (
        <div className={styles.time}>{dateTimeFormat(time, { timeZone: p.timeZone, format: 'YYYY-MM-DD HH:mm' })}</div>
      )}
      <table className={styles.table}>
        <thead>
          <tr>
            <th />
            {COLUMNS.map(([key, label]) => (
              <th key={key}>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.series} data-testid={TEST_IDS.tooltipRow}>
              <td className={styles.name}>
                <span className={styles.swatch} style={{ background: r.color }} />
                {r.series}
              </td>
              {COLUMNS.map(([key]) => (
                <td key={key} className={styles.value}>
                  {r.values[key] ?? '–'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    padding: theme.spacing(1),
    maxHeight: 320,
    overflowY: 'auto',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  time: css({ fontWeight: theme.typography.fontWeightMedium, marginBottom: theme.spacing(0.5) }),
  table: css({
    borderCollapse: 'collapse',
    th: {
      color: theme.colors.text.secondary,
      fontWeight: 'normal',
      textAlign: 'right',
      paddingLeft: theme.spacing(1.5),
    },
  }),
  name: css({ whiteSpace: 'nowrap', display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) }),
  swatch: css({ width: 10, height: 3, borderRadius: 1, flex: 'none' }),
  value: css({
    textAlign: 'right',
    paddingLeft: theme.spacing(1.5),
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  }),
});
