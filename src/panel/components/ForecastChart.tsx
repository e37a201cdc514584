import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { bandPath, linePath, linearScale, niceTicks, timeTicks } from '../chartScale';
import { TEST_IDS } from '../constants';
import { ThresholdLine } from '../thresholdValues';
import { PanelForecast } from '../usePanelForecasts';

export interface ForecastChartProps {
  forecasts: PanelForecast[];
  colors: string[];
  thresholds: ThresholdLine[];
  width: number;
  height: number;
  from: number;
  to: number;
  timeZone: TimeZone;
  showForecast: boolean;
  showBand: boolean;
  showCrossings: boolean;
  formatValue: (v: number) => string;
  yMin?: number;
  yMax?: number;
}

const M = { left: 56, right: 12, top: 8, bottom: 22 };

/** The chart: observed series, forecast lines, bands, threshold lines and crossing markers. */
export function ForecastChart(p: ForecastChartProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const innerW = Math.max(10, p.width - M.left - M.right);
  const innerH = Math.max(10, p.height - M.top - M.bottom);

  let xMax = p.to;
  let lo = Infinity;
  let hi = -Infinity;
  const see = (v: number | null | undefined) => {
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  for (const { series, result } of p.forecasts) {
    for (let i = 0; i < series.values.length; i++) {
      if (series.times[i] >= p.from) {
        see(series.values[i]);
      }
    }
    const f = result.forecast;
    if (f && p.showForecast) {
      xMax = Math.max(xMax, f.times[f.times.length - 1]);
      f.point.forEach(see);
      if (p.showBand) {
        f.lower.forEach(see);
        f.upper.forEach(see);
      }
    }
  }
  p.thresholds.forEach((t) => see(t.value));
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const pad = (hi - lo) * 0.05 || 1;
  const x = linearScale(p.from, xMax, M.left, M.left + innerW);
  const y = linearScale(p.yMin ?? lo - pad, p.yMax ?? hi + pad, M.top + innerH, M.top);
  const yTicks = niceTicks(y.domain[0], y.domain[1], Math.max(2, Math.floor(innerH / 40)));
  const xTicks = timeTicks(p.from, xMax, Math.max(2, Math.floor(innerW / 110)));
  const tickFormat = xMax - p.from > 3 * 86400e3 ? 'MM/DD' : 'MM/DD HH:mm';
  const axisColor = theme.colors.text.secondary;
  const clipId = `trendcast-clip-${p.forecasts.length}-${Math.round(p.width)}`;

  return (
    <svg
      width={p.width}
      height={p.height}
      className={styles.svg}
      data-testid={TEST_IDS.chart}
      role="img"
      aria-label="Forecast chart"
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={M.left} y={M.top} width={innerW} height={innerH} />
        </clipPath>
      </defs>
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line x1={M.left} x2={M.left + innerW} y1={y(v)} y2={y(v)} stroke={theme.colors.border.weak} />
          <text x={M.left - 6} y={y(v) + 4} textAnchor="end" fill={axisColor} fontSize={11}>
            {p.formatValue(v)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} x={x(t)} y={p.height - 6} textAnchor="middle" fill={axisColor} fontSize={11}>
          {dateTimeFormat(t, { format: tickFormat, timeZone: p.timeZone })}
        </text>
      ))}
      <line
        x1={x(p.to)}
        x2={x(p.to)}
        y1={M.top}
        y2={M.top + innerH}
        stroke={theme.colors.border.medium}
        strokeDasharray="2 3"
      />
      <g clipPath={`url(#${clipId})`}>
        {p.thresholds.map((t) => (
          <line
            key={`t${t.value}`}
            data-testid={TEST_IDS.threshold}
            x1={M.left}
            x2={M.left + innerW}
            y1={y(t.value)}
            y2={y(t.value)}
            stroke={theme.visualization.getColorByName(t.color)}
            strokeDasharray="6 4"
            strokeWidth={1.5}
          />
        ))}
        {p.forecasts.map(({ series, result }, i) => {
          const color = p.colors[i];
          const f = result.forecast;
          const start =
            result.lastTime !== null && result.anchor !== null ? { t: result.lastTime, v: result.anchor } : undefined;
          return (
            <g key={series.name + i}>
              {f && p.showForecast && p.showBand && (
                <path
                  data-testid={TEST_IDS.band}
                  d={bandPath(f.times, f.lower, f.upper, x, y, start)}
                  fill={color}
                  fillOpacity={0.15}
                  stroke="none"
                />
              )}
              <path
                data-testid={TEST_IDS.series}
                d={linePath(series.times, series.values, x, y)}
                fill="none"
                stroke={color}
                strokeWidth={1.5}
              />
              {f && p.showForecast && (
                <path
                  data-testid={TEST_IDS.forecastLine}
                  d={
                    (start ? `M${x(start.t).toFixed(1)},${y(start.v).toFixed(1)}` : '') +
                    linePath(f.times, f.point, x, y).replace(/^M/, start ? 'L' : 'M')
                  }
                  fill="none"
                  stroke={color}
                  strokeWidth={2}
                  strokeDasharray="8 4"
                />
              )}
              {f &&
                p.showForecast &&
                p.showCrossings &&
                result.crossings.map((c) =>
                  c.time === null ? null : (
                    <g key={`c${c.threshold}`} data-testid={TEST_IDS.crossingMarker}>
                      {c.earliest !== null && (
                        <line
                          x1={x(c.earliest)}
                          x2={x(c.latest ?? xMax)}
                          y1={y(c.threshold)}
                          y2={y(c.threshold)}
                          stroke={color}
                          strokeWidth={5}
                          strokeOpacity={0.35}
                        />
                      )}
                      <line
                        x1={x(c.time)}
                        x2={x(c.time)}
                        y1={M.top}
                        y2={M.top + innerH}
                        stroke={color}
                        strokeDasharray="1 3"
                      />
                      <circle
                        cx={x(c.time)}
                        cy={y(c.threshold)}
                        r={4.5}
                        fill={theme.colors.background.primary}
                        stroke={color}
                        strokeWidth={2}
                      />
                    </g>
                  )
                )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  svg: css({
    display: 'block',
    fontFamily: theme.typography.fontFamily,
  }),
});
