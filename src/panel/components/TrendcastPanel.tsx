import { css } from '@emotion/css';
import { formattedValueToString, getValueFormat, GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { useMemo } from 'react';

import { TEST_IDS } from '../constants';
import { framesToSeries } from '../../common/framesToSeries';
import { thresholdLines } from '../thresholdValues';
import { TrendcastOptions } from '../types';
import { useLstmForecasts } from '../useLstmForecasts';
import { usePanelForecasts } from '../usePanelForecasts';
import { CrossingSummary } from './CrossingSummary';
import { ForecastChart } from './ForecastChart';
import { LstmStatusBar } from './LstmStatusBar';
import { OverlayToggles } from './OverlayToggles';

const TOOLBAR_HEIGHT = 36;
const SUMMARY_LINE_HEIGHT = 20;
/** The LSTM's progress and status lines (scrolls beyond). */
const LSTM_BAR_HEIGHT = 56;

/** Thin: frames → engine → chart and text. All numbers come from the engine. */
export function TrendcastPanel(props: PanelProps<TrendcastOptions>) {
  const { data, options, width, height, timeRange, timeZone, onOptionsChange, fieldConfig, id } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const series = useMemo(() => framesToSeries(data.series), [data.series]);
  const first = series[0];
  const thresholds = useMemo(
    () =>
      thresholdLines(
        first?.thresholds ?? fieldConfig.defaults.thresholds,
        fieldConfig.defaults.min,
        fieldConfig.defaults.max
      ),
    [first, fieldConfig.defaults.thresholds, fieldConfig.defaults.min, fieldConfig.defaults.max]
  );
  const statistical = usePanelForecasts(series, options, thresholds);
  // The LSTM trains in a worker: its forecasts arrive asynchronously (tfjs loads only then).
  const isLstm = options.model === 'lstm';
  const lstm = useLstmForecasts(series, options, thresholds, id, isLstm);
  const forecasts = isLstm ? lstm.forecasts : statistical;

  if (series.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} />;
  }
  const unit = first?.unit ?? fieldConfig.defaults.unit;
  const decimals = first?.decimals ?? fieldConfig.defaults.decimals ?? undefined;
  const fmt = getValueFormat(unit ?? 'none');
  const formatValue = (v: number) => formattedValueToString(fmt(v, decimals));
  const palette = theme.visualization.palette;
  const colors = forecasts.map((_, i) => theme.visualization.getColorByName(palette[i % palette.length]));
  const lines = countLines(forecasts, options.showCrossings);
  // The summary takes what its lines need, up to 40% of the panel; beyond that it scrolls.
  const summaryHeight = lines > 0 ? Math.min(Math.round(height * 0.4), 6 + SUMMARY_LINE_HEIGHT * lines) : 0;
  const lstmHeight = isLstm ? LSTM_BAR_HEIGHT : 0;
  const chartHeight = Math.max(40, height - TOOLBAR_HEIGHT - summaryHeight - lstmHeight);
  const models = Array.from(new Set(forecasts.map((f) => f.result.model).filter(Boolean))).join(', ');

  return (
    <div className={styles.root} data-testid={TEST_IDS.panel}>
      <OverlayToggles options={options} onChange={onOptionsChange} modelLabel={models ? `model: ${models}` : ''} />
      <ForecastChart
        forecasts={forecasts}
        colors={colors}
        thresholds={thresholds}
        width={width}
        height={chartHeight}
        from={timeRange.from.valueOf()}
        to={timeRange.to.valueOf()}
        timeZone={timeZone}
        showForecast={options.showForecast}
        showBand={options.showBand}
        showCrossings={options.showCrossings}
        formatValue={formatValue}
        yMin={fieldConfig.defaults.min ?? undefined}
        yMax={fieldConfig.defaults.max ?? undefined}
      />
      {isLstm && <LstmStatusBar state={lstm} timeZone={timeZone} />}
      <CrossingSummary
        forecasts={forecasts}
        colors={colors}
        timeZone={timeZone}
        formatValue={formatValue}
        showCrossings={options.showCrossings}
        maxHeight={summaryHeight}
      />
    </div>
  );
}

function countLines(forecasts: ReturnType<typeof usePanelForecasts>, showCrossings: boolean): number {
  return forecasts.reduce((n, f) => n + (f.result.problem ? 1 : showCrossings ? f.result.crossings.length : 0), 0);
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
