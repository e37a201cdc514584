import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Button, useStyles2 } from '@grafana/ui';
import { useState } from 'react';

import { LstmStatus } from '../../runtime/lstmRefresh';
import { BACKTEST_HELP, backtestText } from '../backtestText';
import { TEST_IDS } from '../constants';
import { PanelForecastState } from '../usePanelForecasts';

const ACTION_TEXT: Record<LstmStatus['action'], string> = {
  'cold-train': 'trained now',
  'retrain-drift': 'retrained (drift over the limit)',
  'retrain-requested': 'retrained on request',
  'fine-tune': 'fine-tuned on new points',
  cached: 'from cached weights',
};

/** A loss curve as a small polyline (log scale: losses fall by orders of magnitude). */
function LossCurve({ losses, color }: { losses: number[]; color: string }) {
  const w = 60;
  const h = 14;
  const logs = losses.filter((l) => l > 0).map(Math.log10);
  if (logs.length < 2) {
    return null;
  }
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const pts = logs
    .map((v, i) => `${((i / (logs.length - 1)) * w).toFixed(1)},${(h - ((v - lo) / (hi - lo || 1)) * h).toFixed(1)}`)
    .join(' ');
  return (
    <svg width={w} height={h} role="img" aria-label="training loss">
      <polyline points={pts} fill="none" stroke={color} strokeWidth={1} />
    </svg>
  );
}

/**
 * How the forecast mixes the networks with seasonal naive, e.g. "networks 62 % + last 24 steps
 * again 38 %". A status from an older worker chunk may have no blend: the networks alone.
 */
export function blendText(blend: LstmStatus['blend'] | undefined): string {
  if (!blend || blend.weight >= 1) {
    return 'networks alone';
  }
  const pct = Math.round(blend.weight * 100);
  return `networks ${pct} % + last ${blend.lag} steps again ${100 - pct} %`;
}

/**
 * One line per series: trained when, on how many points, last fine-tune, drift, the held-out
 * backtest; loss curves on demand.
 */
function StatusLine({ name, status, timeZone }: { name: string; status: LstmStatus; timeZone: TimeZone }) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  const when = (t: number) => dateTimeFormat(t, { timeZone, format: 'YYYY-MM-DD HH:mm' });
  const abs = status.driftLimit.absoluteLimit;
  // The absolute limit is shown only when set: it is off by default.
  const absText = (d: { meanAbsError: number }) =>
    abs !== null && abs !== undefined ? `, mean |error| ${d.meanAbsError.toPrecision(3)} (limit ${abs})` : '';
  const drift = status.drift
    ? `drift ${status.drift.relative.toFixed(2)} (limit ${status.driftLimit.relativeLimit})${absText(status.drift)} over ${status.drift.points} points`
    : 'drift: no new actuals yet';
  return (
    <div data-testid={TEST_IDS.lstmStatus}>
      <span className={styles.name}>{name}</span> {ACTION_TEXT[status.action]} · trained {when(status.trainedAt)} on{' '}
      {status.trainedPoints} points
      {status.fineTunedAt !== null &&
        ` · last fine-tune ${when(status.fineTunedAt)} (+${status.fineTunedPoints} points)`}{' '}
      · {drift} ·{' '}
      <span data-testid={TEST_IDS.lstmBacktest} title={BACKTEST_HELP}>
        {backtestText(status.backtest)}
      </span>
      {status.cacheNote && <span className={styles.note}> · {status.cacheNote}</span>}{' '}
      <Button size="sm" variant="secondary" fill="text" onClick={() => setOpen(!open)}>
        {open ? 'hide losses' : 'losses'}
      </Button>
      {open && (
        <div className={styles.losses}>
          {Object.entries(status.losses).map(([component, losses]) => (
            <span key={component}>
              {component} <LossCurve losses={losses} color="currentColor" />{' '}
              {losses.length ? losses[losses.length - 1].toPrecision(3) : '–'}
              {status.fineTuneLosses[component]?.length
                ? ` → ${status.fineTuneLosses[component].slice(-1)[0].toPrecision(3)}`
                : ''}
            </span>
          ))}
          <span>
            period {status.period ?? 'none'} · look-back {status.lookBack} · {status.variant} ·{' '}
            {blendText(status.blend)} · {status.backend} · cache {status.cache}
          </span>
        </div>
      )}
    </div>
  );
}

/** The statuses in the panel's series order (they arrive in the order the workers finish). */
function statusOrder(state: PanelForecastState): Array<[string, LstmStatus]> {
  const order = new Map(state.forecasts.map((f, i) => [f.series.name, i]));
  return Object.entries(state.statuses)
    .filter((e): e is [string, LstmStatus] => e[1] !== null)
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
}

/** Training progress (component, epoch, loss) with cancel, the model status and "retrain now". */
export function LstmStatusBar({ state, timeZone }: { state: PanelForecastState; timeZone: TimeZone }) {
  const styles = useStyles2(getStyles);
  const p = state.progress?.progress;
  const share = p ? (p.componentIndex + p.epoch / p.epochs) / p.components : 0;
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        {state.running && p ? (
          <>
            <div
              className={styles.track}
              data-testid={TEST_IDS.lstmProgress}
              aria-valuenow={Math.round(share * 100)}
              role="progressbar"
            >
              <div className={styles.fill} style={{ width: `${(share * 100).toFixed(1)}%` }} />
            </div>
            <span>
              {p.phase === 'fine-tune' ? 'Fine-tuning' : 'Training'} {state.progress!.series}: {p.component} (
              {p.componentIndex + 1}/{p.components}) epoch {p.epoch}/{p.epochs}, loss {p.loss.toPrecision(3)}
            </span>
            <Button size="sm" variant="secondary" onClick={state.cancel}>
              Cancel
            </Button>
          </>
        ) : state.running ? (
          <span>Loading the LSTM model…</span>
        ) : (
          <Button size="sm" variant="secondary" icon="sync" onClick={state.retrain} data-testid={TEST_IDS.lstmRetrain}>
            Retrain now
          </Button>
        )}
        {state.runner === 'main-thread' && (
          <span className={styles.note}>(training in the page: workers unavailable)</span>
        )}
      </div>
      {statusOrder(state).map(([name, status]) => (
        <StatusLine key={name} name={name} status={status} timeZone={timeZone} />
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    flex: 'none',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    maxHeight: 120,
    overflowY: 'auto',
  }),
  row: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), minHeight: 28 }),
  track: css({
    width: 120,
    height: 6,
    background: theme.colors.background.secondary,
    borderRadius: 3,
    overflow: 'hidden',
    flex: 'none',
  }),
  fill: css({ height: '100%', background: theme.colors.primary.main }),
  name: css({ color: theme.colors.text.primary }),
  note: css({ color: theme.colors.warning.text }),
  losses: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), alignItems: 'center' }),
});
