/**
 * @jest-environment jsdom
 */
import { act, ReactElement } from 'react';
import { createRoot, Root } from 'react-dom/client';

import { HeldOutScore } from '../../models/lstm';
import { LstmStatus } from '../../runtime/lstmRefresh';
import { TEST_IDS } from '../constants';
import { PanelForecastState } from '../usePanelForecasts';
import { blendText, LstmStatusBar } from './LstmStatusBar';

// @grafana/ui's full bundle does not load under this jest config (ESM dependencies): the two
// pieces the status bar uses, with the real default theme.
jest.mock('@grafana/ui', () => {
  const { createElement } = jest.requireActual<typeof import('react')>('react');
  const theme = jest.requireActual<typeof import('@grafana/data')>('@grafana/data').createTheme();
  return {
    useStyles2: <T,>(get: (t: typeof theme) => T) => get(theme),
    Button: ({ children, onClick, ...rest }: { children?: unknown; onClick?: () => void; 'data-testid'?: string }) =>
      createElement('button', { onClick, 'data-testid': rest['data-testid'] }, children as string),
  };
});

const TRAINED = Date.UTC(2024, 5, 30, 12, 5);

function status(backtest: HeldOutScore | null, patch: Partial<LstmStatus> = {}): LstmStatus {
  return {
    action: 'cold-train',
    cache: 'miss',
    cacheNote: null,
    storeKind: 'indexeddb',
    trainedAt: TRAINED,
    trainedPoints: 720,
    fineTunedAt: null,
    fineTunedPoints: 0,
    fineTunes: 0,
    drift: null,
    driftLimit: { relativeLimit: 2.5, absoluteLimit: null },
    losses: { trend: [0.5, 0.1], seasonal: [0.4, 0.05], residual: [0.9, 0.8] },
    fineTuneLosses: {},
    backend: 'cpu',
    period: 24,
    lookBack: 24,
    variant: 'decomposed',
    backtest,
    blend: { weight: 0.62, lag: 24, drift: true },
    ...patch,
  };
}

function state(statuses: Record<string, LstmStatus | null>): PanelForecastState {
  return {
    forecasts: [],
    progress: null,
    statuses,
    running: false,
    trains: true,
    runner: 'worker',
    retrain: () => undefined,
    cancel: () => undefined,
  };
}

const SCORE: HeldOutScore = {
  horizon: 48,
  points: 48,
  mape: 7.0912,
  smape: 6.94,
  mase: 0.8249,
  naiveMase: 1.1,
  seasonality: 24,
};

// React's own act + createRoot (@testing-library/react would need @testing-library/dom, not installed).
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
let root: Root | null = null;
let container: HTMLElement;

function render(element: ReactElement) {
  container = document.createElement('div');
  document.body.appendChild(container);
  act(() => {
    root = createRoot(container);
    root.render(element);
  });
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container.remove();
});

const all = (testId: string) => Array.from(container.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
function one(testId: string): HTMLElement {
  const found = all(testId);
  expect(found).toHaveLength(1);
  return found[0];
}
const screen = { getByTestId: one, getAllByTestId: all };
/** The element's text as a reader sees it (runs of whitespace as one space). */
const text = (e: Element) => (e.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('LstmStatusBar', () => {
  it('shows the held-out backtest in the status line without a click', () => {
    render(<LstmStatusBar state={state({ 'host=web1': status(SCORE) })} timeZone="utc" />);
    const line = screen.getByTestId(TEST_IDS.lstmStatus);
    expect(text(line)).toContain('host=web1 trained now · trained 2024-06-30 12:05 on 720 points');
    expect(text(screen.getByTestId(TEST_IDS.lstmBacktest))).toBe(
      'held-out 48 steps: MAPE 7.1 % · sMAPE 6.9 % · MASE 0.82 (seasonal naive 1.10)'
    );
    expect(line.contains(screen.getByTestId(TEST_IDS.lstmBacktest))).toBe(true);
  });

  it('shows "–" for undefined scores, the rows scored when fewer, and "naive" without a period', () => {
    const score = { ...SCORE, points: 40, mape: null, mase: null, naiveMase: 2.345, seasonality: 1 };
    render(<LstmStatusBar state={state({ 'host=db1': status(score) })} timeZone="utc" />);
    expect(text(screen.getByTestId(TEST_IDS.lstmBacktest))).toBe(
      'held-out 48 steps (40 scored): MAPE – % · sMAPE 6.9 % · MASE – (naive 2.35)'
    );
  });

  it('says there is no held-out score when the backtest is null', () => {
    render(<LstmStatusBar state={state({ 'host=web1': status(null) })} timeZone="utc" />);
    expect(text(screen.getByTestId(TEST_IDS.lstmBacktest))).toBe('no held-out score: series too short');
    expect(text(screen.getByTestId(TEST_IDS.lstmStatus))).not.toContain('MAPE');
  });

  it('one backtest per series; the absolute drift limit is shown only when set', () => {
    const drift = { points: 24, meanAbsError: 12.345, relative: 1.234 };
    render(
      <LstmStatusBar
        state={state({
          'host=a': status(SCORE, { drift, driftLimit: { relativeLimit: 3, absoluteLimit: 10 } }),
          'host=b': status(null, { drift }),
        })}
        timeZone="utc"
      />
    );
    const lines = screen.getAllByTestId(TEST_IDS.lstmStatus);
    expect(lines).toHaveLength(2);
    expect(text(lines[0])).toContain('drift 1.23 (limit 3), mean |error| 12.3 (limit 10) over 24 points');
    expect(text(lines[1])).toContain('drift 1.23 (limit 2.5) over 24 points');
    expect(text(lines[1])).not.toContain('mean |error|');
    expect(screen.getAllByTestId(TEST_IDS.lstmBacktest).map(text)).toEqual([
      'held-out 48 steps: MAPE 7.1 % · sMAPE 6.9 % · MASE 0.82 (seasonal naive 1.10)',
      'no held-out score: series too short',
    ]);
  });

  it('shows the combination with seasonal naive beside the loss curves', () => {
    render(<LstmStatusBar state={state({ 'host=web1': status(SCORE) })} timeZone="utc" />);
    const line = screen.getByTestId(TEST_IDS.lstmStatus);
    expect(text(line)).not.toContain('networks 62 %');
    act(() => line.querySelector('button')!.click());
    expect(text(line)).toContain('decomposed · networks 62 % + last 24 steps again 38 % · cpu · cache miss');
  });

  it('reads a blend of weight 1, or none from an older worker, as the networks alone', () => {
    expect(blendText({ weight: 1, lag: 24, drift: false })).toBe('networks alone');
    expect(blendText(undefined)).toBe('networks alone');
    expect(blendText({ weight: 0.304, lag: 168, drift: true })).toBe('networks 30 % + last 168 steps again 70 %');
  });
});
