import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Tooltip, UPlotConfigBuilder, useStyles2 } from '@grafana/ui';
import { createPortal } from 'react-dom';

import { TEST_IDS } from '../constants';
import { CrossingMark } from '../plot/crossingMarks';
import { insidePlot, usePlotInstance } from '../plot/usePlotInstance';

/** Each crossing as a marker on its threshold line at its date; hovering it shows the sentence. */
export function CrossingMarkers({ config, marks }: { config: UPlotConfigBuilder; marks: CrossingMark[] }) {
  const styles = useStyles2(getStyles);
  const u = usePlotInstance(config);
  if (!u) {
    return null;
  }
  const yScale = config.scaleKeys[1];
  // Drawn inside uPlot's plotting area (its `over` layer), where value → pixel positions are measured.
  return createPortal(
    <>
      {marks.map((m, row) => {
        const x = u.valToPos(m.time, 'x');
        const y = u.valToPos(m.threshold, yScale);
        if (!insidePlot(u, x, y)) {
          return null;
        }
        return (
          <div key={row} className={styles.anchor} style={{ left: x, top: y }}>
            <Tooltip content={m.text} placement="top">
              <div
                className={styles.marker}
                style={{ borderColor: m.color }}
                data-testid={TEST_IDS.crossingMarker}
                aria-label={m.text}
              />
            </Tooltip>
          </div>
        );
      })}
    </>,
    u.over
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  anchor: css({
    position: 'absolute',
    width: 0,
    height: 0,
  }),
  marker: css({
    width: 11,
    height: 11,
    transform: 'translate(-50%, -50%)',
    borderRadius: '50%',
    border: '2px solid',
    background: theme.colors.background.primary,
    cursor: 'pointer',
  }),
});
