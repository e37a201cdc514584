import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { GraphThresholdsStyleMode, useStyles2, useTheme2 } from '@grafana/ui';
import { useMemo } from 'react';

import { framesToSeries } from '../../common/framesToSeries';
import { emptySeriesForecast } from '../../models/forecastSeries';
import { TEST_IDS } from '../constants';
import { DEFAULT_THRESHOLDS_STYLE } from '../options';
import { crossingMarks } from '../plot/crossingMarks';
import { plotRange } from '../plot/plotRange';
import { seriesColor } from '../plot/seriesColor';
import { crossingSummary } from '../summary/crossingSummary';
import { valueFormatter } from '../summary/formatValue';
import { thresholdLines } from '../thresholdValues';
import { TrendcastOptions } from '../types';
import { useHiddenSeries } from '../useHiddenSeries';
import { usePanelForecasts } from '../usePanelForecasts';
import { usePlotFrames } from '../usePlotFrames';
import { CrossingSummary } from './CrossingSummary';
import { ForecastPlot } from './ForecastPlot';
import { LstmStatusBar } from './LstmStatusBar';
import { OverlayToggles } from './OverlayToggles';

const TOOLBAR_HEIGHT = 36;
const SUMMARY_LINE_HEIGHT = 20;
/** The LSTM's progress and status lines (scrolls beyond). */
const LSTM_BAR_HEIGHT = 56;

/** Thin: frames → engine → Grafana's plot and the crossing text. All numbers come from the engine. */
export function TrendcastPanel(props: PanelProps<TrendcastOptions>) {
  const { data, options, width, height, timeRange, timeZone, onOptionsChange, onChangeTimeRange, fieldConfig, id } =
    props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const series = useMemo(() => framesToSeries(data.series), [data.series]);
  const first = series[0];
  const thresholdsConfig = first?.thresholds ?? fieldConfig.defaults.thresholds;
  const min = fieldConfig.defaults.min ?? undefined;
  const max = fieldConfig.defaults.max ?? undefined;
  const thresholds = useMemo(() => thresholdLines(thresholdsConfig, min, max), [thresholdsConfig, min, max]);
  const state = usePanelForecasts(series, options, thresholds, id);
  const computed = state.forecasts;
  // A run that trains (the LSTM, or auto on seasonal series) shows its training and model status under the chart.
  const trains = state.trains;
  // Until the forecasts arrive (or when there are none), the observed series are drawn alone.
  const forecasts = useMemo(
    () => (computed.length > 0 ? computed : series.map((s) => ({ series: s, result: emptySeriesForecast(s) }))),
    [computed, series]
  );
  const names = useMemo(() => forecasts.map((f) => f.series.name), [forecasts]);
  const { hidden, onToggleSeries } = useHiddenSeries(names);
  const colors = useMemo(() => forecasts.map((f) => seriesColor(f.series, theme)), [forecasts, theme]);
  const range = plotRange(timeRange.from.valueOf(), timeRange.to.valueOf(), forecasts, options.showForecast);
  const thresholdsStyle: GraphThresholdsStyleMode =
    fieldConfig.defaults.custom?.thresholdsStyle?.mode ?? DEFAULT_THRESHOLDS_STYLE;
  const { showForecast, showBand } = options;
  const frames = usePlotFrames(forecasts, colors, hidden, {
    showForecast,
    showBand,
    thresholds: thresholdsConfig,
    lines: thresholds,
    thresholdsStyle,
    min,
    max,
    timeZone,
    range,
  });

  if (series.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} />;
  }
  const formatValue = valueFormatter(
    first?.unit ?? fieldConfig.defaults.unit,
    first?.decimals ?? fieldConfig.defaults.decimals ?? undefined
  );
  const now = Date.now();
  const phrase = { formatValue, timeZone, now };
  const marks = showForecast && options.showCrossings ? crossingMarks(forecasts, colors, hidden, phrase) : [];
  const summary = crossingSummary(forecasts, colors, phrase, options.showCrossings);
  const lines = summary.lines.length + (summary.header ? 1 : 0);
  // The summary takes what its lines need, up to 40% of the panel in whole lines; beyond, it scrolls.
  const fitting = Math.max(1, Math.floor((height * 0.4 - 6) / SUMMARY_LINE_HEIGHT));
  const summaryHeight = lines > 0 ? 6 + SUMMARY_LINE_HEIGHT * Math.min(lines, fitting) : 0;
  const lstmHeight = trains ? LSTM_BAR_HEIGHT : 0;
  const chartHeight = Math.max(80, height - TOOLBAR_HEIGHT - summaryHeight - lstmHeight);
  const models = Array.from(new Set(forecasts.map((f) => f.result.model).filter(Boolean))).join(', ');

  return (
    <div className={styles.root} data-testid={TEST_IDS.panel}>
      <OverlayToggles options={options} onChange={onOptionsChange} modelLabel={models ? `model: ${models}` : ''} />
      <ForecastPlot
        frames={frames}
        range={range}
        width={width}
        height={chartHeight}
        timeZone={timeZone}
        crossings={marks}
        now={now}
        onToggleSeries={onToggleSeries}
        onChangeTimeRange={onChangeTimeRange}
      />
      {trains && <LstmStatusBar state={state} timeZone={timeZone} />}
      <CrossingSummary summary={summary} maxHeight={summaryHeight} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    overflow: 'hidden',
    color: theme.colors.text.primary,
  }),
});
