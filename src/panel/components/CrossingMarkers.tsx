import { css } from '@emotion/css';
import { createDataFrame, FieldType, GrafanaTheme2 } from '@grafana/data';
import { EventsCanvas, Tooltip, UPlotConfigBuilder, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';

import { TEST_IDS } from '../constants';
import { CrossingMark } from '../plot/crossingMarks';
import { insidePlot, usePlotInstance } from '../plot/usePlotInstance';

/** Each crossing as a marker on its threshold line at its date; hovering it shows the sentence. */
export function CrossingMarkers({ config, marks }: { config: UPlotConfigBuilder; marks: CrossingMark[] }) {
  const styles = useStyles2(getStyles);
  const plot = usePlotInstance(config);
  const events = useMemo(
    () => [createDataFrame({ fields: [{ name: 'mark', type: FieldType.number, values: marks.map((_, i) => i) }] })],
    [marks]
  );
  const yScale = config.scaleKeys[1];
  return (
    <EventsCanvas
      id="trendcast-crossings"
      config={config}
      events={events}
      mapEventToXYCoords={(_, row) => {
        const u = plot.current;
        const m = marks[row];
        if (!u || !m) {
          return undefined;
        }
        const x = u.valToPos(m.time, 'x');
        const y = u.valToPos(m.threshold, yScale);
        return insidePlot(u, x, y) ? { x, y } : undefined;
      }}
      renderEventMarker={(_, row) => (
        <Tooltip content={marks[row].text} placement="top">
          <div
            className={styles.marker}
            style={{ borderColor: marks[row].color }}
            data-testid={TEST_IDS.crossingMarker}
            aria-label={marks[row].text}
          />
        </Tooltip>
      )}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
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
