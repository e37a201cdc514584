/**
 * One panel on the host page, wired the way Grafana's PanelStateWrapper/VizPanel feeds a panel plugin:
 * frames through applyFieldOverrides (theme, time zone, field config), PanelProps with options that
 * the panel may change through onOptionsChange (the host re-renders with them).
 */
import React, { Component, ErrorInfo, ReactNode, useEffect, useMemo, useState } from 'react';
import {
  AbsoluteTimeRange,
  DataFrame,
  EventBus,
  FieldConfigOptionsRegistry,
  FieldConfigSource,
  FieldType,
  GrafanaTheme2,
  LoadingState,
  PanelData,
  PanelPlugin,
  TimeRange,
  applyFieldOverrides,
  dateTime,
} from '@grafana/data';

import { PanelSpec } from './hostPageConfig';
import { ModelPicker } from './ModelPicker';
import { toFieldConfigSource } from './standardFieldConfig';

export const DEFAULT_PANEL_WIDTH = 760;
export const DEFAULT_PANEL_HEIGHT = 360;
const DAY_MS = 86_400_000;

/** Reports a host-page error where tests look for it (`window.__TRENDCAST_ERRORS__`). */
export function reportHostError(message: string): void {
  window.__TRENDCAST_ERRORS__ = window.__TRENDCAST_ERRORS__ ?? [];
  window.__TRENDCAST_ERRORS__.push(message);
}

/** Absolute TimeRange from epoch milliseconds, as Grafana builds it for a fixed dashboard range. */
export function toTimeRange(from: number, to: number): TimeRange {
  const f = dateTime(from);
  const t = dateTime(to);
  return { from: f, to: t, raw: { from: f, to: t } };
}

/** The span of all time-field values in `frames`; the last 30 days before now when there are none. */
export function timeSpanOf(frames: DataFrame[]): { from: number; to: number } {
  let from = Infinity;
  let to = -Infinity;
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (field.type !== FieldType.time) {
        continue;
      }
      for (const v of field.values) {
        if (typeof v === 'number' && Number.isFinite(v)) {
          from = Math.min(from, v);
          to = Math.max(to, v);
        }
      }
    }
  }
  if (from > to) {
    const now = Date.now();
    return { from: now - 30 * DAY_MS, to: now };
  }
  return { from, to };
}

interface BoundaryProps {
  title: string;
  children: ReactNode;
}

/** Catches a render error of the panel, shows it in place and reports it. */
class PanelErrorBoundary extends Component<BoundaryProps, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    reportHostError(`panel "${this.props.title}" crashed: ${error.message}\n${info.componentStack ?? ''}`);
  }

  render() {
    if (this.state.error) {
      return <pre data-testid="host-panel-error">{String(this.state.error.message)}</pre>;
    }
    return this.props.children;
  }
}

export interface HostPanelProps<TOptions extends object> {
  index: number;
  plugin: PanelPlugin<TOptions>;
  spec: PanelSpec;
  frames: DataFrame[];
  defaultOptions: TOptions;
  defaultFieldConfig: FieldConfigSource;
  theme: GrafanaTheme2;
  timeZone: string;
  eventBus: EventBus;
  fieldConfigRegistry: FieldConfigOptionsRegistry;
}

/** Renders `plugin.panel` with PanelProps for one PanelSpec, inside a Grafana-like panel chrome. */
export function HostPanel<TOptions extends object>(props: HostPanelProps<TOptions>) {
  const { index, plugin, spec, frames, theme, timeZone, eventBus, fieldConfigRegistry } = props;
  const [options, setOptions] = useState<TOptions>(() => ({ ...props.defaultOptions, ...(spec.options ?? {}) }));
  const [fieldConfig, setFieldConfig] = useState<FieldConfigSource>(() =>
    spec.fieldConfig ? toFieldConfigSource(spec.fieldConfig) : props.defaultFieldConfig
  );
  const [timeRange, setTimeRange] = useState<TimeRange>(() => {
    const span = spec.timeRange ?? timeSpanOf(frames);
    return toTimeRange(span.from, span.to);
  });
  // Grafana bumps renderCounter each time it asks the panel to render again (options, refresh).
  const [renderCounter, setRenderCounter] = useState(0);

  const series = useMemo(
    () =>
      applyFieldOverrides({
        data: frames,
        fieldConfig,
        fieldConfigRegistry,
        replaceVariables: (value: string) => value,
        theme,
        timeZone,
      }),
    [frames, fieldConfig, fieldConfigRegistry, theme, timeZone]
  );
  const data: PanelData = useMemo(() => ({ state: LoadingState.Done, series, timeRange }), [series, timeRange]);

  // Tests read the live options and may push new ones, as an option editor would.
  useEffect(() => {
    window.__TRENDCAST_OPTIONS__ = window.__TRENDCAST_OPTIONS__ ?? [];
    window.__TRENDCAST_OPTIONS__[index] = options as Record<string, unknown>;
    window.__TRENDCAST_SET_OPTIONS__ = window.__TRENDCAST_SET_OPTIONS__ ?? [];
    window.__TRENDCAST_SET_OPTIONS__[index] = (patch: Record<string, unknown>) => {
      setOptions((prev) => ({ ...prev, ...patch }));
      setRenderCounter((n) => n + 1);
    };
  }, [index, options]);

  const Panel = plugin.panel;
  const width = spec.width ?? DEFAULT_PANEL_WIDTH;
  const height = spec.height ?? DEFAULT_PANEL_HEIGHT;
  const chrome: React.CSSProperties = {
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    width: width + 2 * 8,
    // Sized from the panel's width outwards, whatever the page's box-sizing.
    boxSizing: 'content-box',
  };

  return (
    <section data-testid="host-panel" data-panel-index={index} aria-label={spec.title} style={chrome}>
      <header
        style={{
          height: 32,
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          padding: '0 8px',
          fontSize: theme.typography.h6.fontSize,
          fontWeight: theme.typography.fontWeightMedium,
          color: theme.colors.text.primary,
        }}
      >
        <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {spec.title}
        </span>
        {'model' in options && (
          <ModelPicker
            value={String(options.model)}
            onChange={(model) => {
              setOptions((prev) => ({ ...prev, model }));
              setRenderCounter((n) => n + 1);
            }}
          />
        )}
      </header>
      <div
        data-testid="host-panel-content"
        style={{ width, height, padding: '0 8px 8px', position: 'relative', boxSizing: 'content-box' }}
      >
        <PanelErrorBoundary title={spec.title}>
          {Panel ? (
            <Panel
              id={index + 1}
              title={spec.title}
              data={data}
              timeRange={timeRange}
              timeZone={timeZone}
              options={options}
              fieldConfig={fieldConfig}
              transparent={false}
              width={width}
              height={height}
              renderCounter={renderCounter}
              eventBus={eventBus}
              replaceVariables={(value: string) => value}
              onOptionsChange={(next: TOptions) => {
                setOptions(next);
                setRenderCounter((n) => n + 1);
              }}
              onFieldConfigChange={(next: FieldConfigSource) => {
                setFieldConfig(next);
                setRenderCounter((n) => n + 1);
              }}
              onChangeTimeRange={(range: AbsoluteTimeRange) => {
                window.__TRENDCAST_TIME_RANGES__ = window.__TRENDCAST_TIME_RANGES__ ?? [];
                window.__TRENDCAST_TIME_RANGES__[index] = { from: range.from, to: range.to };
                setTimeRange(toTimeRange(range.from, range.to));
              }}
            />
          ) : (
            <pre data-testid="host-panel-error">plugin has no panel component</pre>
          )}
        </PanelErrorBoundary>
      </div>
    </section>
  );
}
