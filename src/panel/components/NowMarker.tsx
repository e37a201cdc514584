import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { UPlotConfigBuilder, useStyles2 } from '@grafana/ui';
import { createPortal } from 'react-dom';

import { TEST_IDS } from '../constants';
import { usePlotInstance } from '../plot/usePlotInstance';

/** "now": a labelled vertical line where the observed data ends and the forecast begins. */
export function NowMarker({ config, now }: { config: UPlotConfigBuilder; now: number }) {
  const styles = useStyles2(getStyles);
  const u = usePlotInstance(config);
  if (!u) {
    return null;
  }
  const ratio = window.devicePixelRatio || 1;
  const x = u.valToPos(now, 'x');
  if (!(x >= 0 && x <= u.bbox.width / ratio)) {
    return null;
  }
  // Drawn inside uPlot's plotting area (its `over` layer), at the position of "now" on the x axis.
  return createPortal(
    <div className={styles.line} style={{ left: x, height: u.bbox.height / ratio }} data-testid={TEST_IDS.nowMarker}>
      <span className={styles.label}>now</span>
    </div>,
    u.over
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  line: css({
    position: 'absolute',
    top: 0,
    borderLeft: `1px dashed ${theme.colors.text.secondary}`,
    pointerEvents: 'none',
  }),
  label: css({
    position: 'absolute',
    top: 0,
    left: 3,
    padding: theme.spacing(0, 0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    background: theme.colors.background.primary,
    borderRadius: theme.shape.radius.default,
  }),
});
