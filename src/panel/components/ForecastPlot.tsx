import { AbsoluteTimeRange, DataFrame, dateTime, TimeRange } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import {
  KeyboardPlugin,
  LegendDisplayMode,
  PanelContextProvider,
  SeriesVisibilityChangeMode,
  TimeSeries,
  TooltipPlugin2,
  usePanelContext,
} from '@grafana/ui';
import { ComponentProps, useMemo } from 'react';

import { TEST_IDS } from '../constants';
import { CrossingMark } from '../plot/crossingMarks';
import { CrossingMarkers } from './CrossingMarkers';
import { ForecastTooltip } from './ForecastTooltip';
import { NowMarker } from './NowMarker';

/** TooltipPlugin2's "all series at the cursor's time" mode (a const enum @grafana/ui does not export). */
const HOVER_ALL_SERIES = 1 as ComponentProps<typeof TooltipPlugin2>['hoverMode'];

export interface ForecastPlotProps {
  frames: DataFrame[];
  range: { from: number; to: number };
  width: number;
  height: number;
  timeZone: TimeZone;
  crossings: CrossingMark[];
  now: number;
  /** A legend click: the panel isolates or adds the series (seriesIsolation). */
  onToggleSeries: (label: string, mode: SeriesVisibilityChangeMode) => void;
  onChangeTimeRange: (range: AbsoluteTimeRange) => void;
}

/**
 * The chart, drawn by Grafana's own time series building blocks: TimeSeries (uPlot with the field
 * config, thresholds style, legend), TooltipPlugin2 (hover tooltip, crosshair, drag to zoom),
 * KeyboardPlugin, and markers for "now" and the threshold crossings.
 */
export function ForecastPlot(p: ForecastPlotProps) {
  const outer = usePanelContext();
  const context = useMemo(() => ({ ...outer, onToggleSeriesVisibility: p.onToggleSeries }), [outer, p.onToggleSeries]);
  const timeRange: TimeRange = useMemo(() => {
    const from = dateTime(p.range.from);
    const to = dateTime(p.range.to);
    return { from, to, raw: { from, to } };
  }, [p.range.from, p.range.to]);

  return (
    <div data-testid={TEST_IDS.chart}>
      <PanelContextProvider value={context}>
        <TimeSeries
          frames={p.frames}
          timeRange={timeRange}
          timeZone={p.timeZone}
          width={p.width}
          height={p.height}
          legend={{ showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] }}
        >
          {(builder, alignedFrame) => (
            <>
              <KeyboardPlugin config={builder} />
              <TooltipPlugin2
                config={builder}
                hoverMode={HOVER_ALL_SERIES}
                queryZoom={p.onChangeTimeRange}
                clientZoom={true}
                render={(u, dataIdxs, seriesIdx, isPinned, dismiss, selection, viaSync) =>
                  viaSync ? null : (
                    <ForecastTooltip
                      frames={p.frames}
                      alignedFrame={alignedFrame}
                      dataIdxs={dataIdxs}
                      timeZone={p.timeZone}
                    />
                  )
                }
              />
              <NowMarker config={builder} now={p.now} />
              <CrossingMarkers config={builder} marks={p.crossings} />
            </>
          )}
        </TimeSeries>
      </PanelContextProvider>
    </div>
  );
}
