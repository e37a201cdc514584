import { css } from '@emotion/css';
import { createDataFrame, FieldType, GrafanaTheme2 } from '@grafana/data';
import { EventsCanvas, UPlotConfigBuilder, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';

import { TEST_IDS } from '../constants';
import { usePlotInstance } from '../plot/usePlotInstance';

/** "now": a labelled vertical line where the observed data ends and the forecast begins. */
export function NowMarker({ config, now }: { config: UPlotConfigBuilder; now: number }) {
  const styles = useStyles2(getStyles);
  const plot = usePlotInstance(config);
  const events = useMemo(
    () => [createDataFrame({ fields: [{ name: 'now', type: FieldType.time, values: [now] }] })],
    [now]
  );
  return (
    <EventsCanvas
      id="trendcast-now"
      config={config}
      events={events}
      mapEventToXYCoords={() => {
        const u = plot.current;
        if (!u) {
          return undefined;
        }
        const x = u.valToPos(now, 'x');
        return x >= 0 && x <= u.bbox.width / (window.devicePixelRatio || 1) ? { x, y: 0 } : undefined;
      }}
      renderEventMarker={() => (
        <div
          className={styles.line}
          style={{ height: (plot.current?.bbox.height ?? 0) / (window.devicePixelRatio || 1) }}
          data-testid={TEST_IDS.nowMarker}
        >
          <span className={styles.label}>now</span>
        </div>
      )}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  line: css({
    position: 'relative',
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
