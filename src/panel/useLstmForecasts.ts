import { useCallback, useEffect, useRef, useState } from 'react';

import { LstmProgress } from '../models/lstm/lstmTraining';
import { badOptionsProblem, resolveForecastOptions } from '../models/forecastOptions';
import { emptySeriesForecast, SeriesForecast } from '../models/forecastSeries';
import { jobSeries } from '../runtime/lstmJobs';
import { LstmStatus } from '../runtime/lstmRefresh';
import { driftPolicyFromOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { PanelSeries } from '../common/framesToSeries';
import { ThresholdLine } from './thresholdValues';
import { TrendcastOptions } from './types';
import { PanelForecast } from './usePanelForecasts';

export interface LstmPanelState {
  forecasts: PanelForecast[];
  /** The network being trained now, or null. */
  progress: { series: string; progress: LstmProgress } | null;
  /** Per series name: the model's status after its last refresh. */
  statuses: Record<string, LstmStatus | null>;
  running: boolean;
  /** Where training runs ('worker' normally). */
  runner: 'worker' | 'main-thread' | null;
  /** "Retrain now": every series from scratch. */
  retrain(): void;
  /** Stops the training in progress (the forecasts so far stay). */
  cancel(): void;
}

/** The dashboard UID from Grafana's URL (/d/<uid>/…); 'unsaved' for a new dashboard. */
export function dashboardUidFromPath(path: string): string {
  const m = /\/d(?:-solo)?\/([^/?#]+)/.exec(path);
  return m ? m[1] : 'unsaved';
}

function pending(s: PanelSeries): SeriesForecast {
  return emptySeriesForecast(s);
}

/**
 * LSTM forecasts for the panel: one job per series in the training worker (tfjs and the worker
 * are loaded only here, on first use). The forecast from cached weights is shown as soon as it
 * arrives; fine-tuning or training updates it. Work is cancelled when the panel unmounts or its
 * data or options change. The LSTM options (look-back, epochs, drift limits) go into each job as
 * its configuration and drift policy; invalid ones mean the defaults.
 */
export function useLstmForecasts(
  series: PanelSeries[],
  options: TrendcastOptions,
  thresholds: ThresholdLine[],
  panelId: number,
  enabled: boolean
): LstmPanelState {
  const { model, horizon, fitWindow, confidence, direction } = options;
  const { lstmLookBack, lstmEpochs, lstmFineTuneEpochs, lstmDriftLimit, lstmDriftAbsoluteLimit } = options;
  const thresholdKey = thresholds.map((t) => t.value).join(',');
  const [nonce, setNonce] = useState(0);
  const forceRef = useRef(false);
  const controllerRef = useRef<AbortController | null>(null);
  const [forecasts, setForecasts] = useState<PanelForecast[]>([]);
  const [progress, setProgress] = useState<LstmPanelState['progress']>(null);
  const [statuses, setStatuses] = useState<Record<string, LstmStatus | null>>({});
  const [running, setRunning] = useState(false);
  const [runner, setRunner] = useState<LstmPanelState['runner']>(null);

  useEffect(
    () => {
      if (!enabled) {
        return;
      }
      const controller = new AbortController();
      controllerRef.current = controller;
      const { signal } = controller;
      const force = forceRef.current;
      forceRef.current = false;
      const values = thresholds.map((t) => t.value);
      const resolved = resolveForecastOptions({ model, horizon, fitWindow, confidence, direction, thresholds: values });
      if ('errors' in resolved) {
        const problem = badOptionsProblem(resolved.errors);
        setForecasts(series.map((s) => ({ series: s, result: emptySeriesForecast(s, problem) })));
        return;
      }
      const lstmOptions = { lstmLookBack, lstmEpochs, lstmFineTuneEpochs, lstmDriftLimit, lstmDriftAbsoluteLimit };
      const config = lstmConfigFromOptions(lstmOptions);
      const drift = driftPolicyFromOptions(lstmOptions);
      const dashboardUid = typeof window !== 'undefined' ? dashboardUidFromPath(window.location.pathname) : 'unsaved';
      setForecasts(series.map((s) => ({ series: s, result: pending(s) })));
      setRunning(true);
      const put = (i: number, result: SeriesForecast, status: LstmStatus | null) => {
        if (signal.aborted) {
          return;
        }
        setForecasts((prev) => prev.map((f, j) => (j === i ? { series: f.series, result } : f)));
        setStatuses((prev) => ({ ...prev, [series[i].name]: status }));
      };
      (async () => {
        const { getLstmRunner } = await import(/* webpackChunkName: "lstm-client" */ '../runtime/lstmWorkerClient');
        const r = getLstmRunner();
        setRunner(r.where);
        for (let i = 0; i < series.length && !signal.aborted; i++) {
          const s = series[i];
          const outcome = await r.run(
            {
              series: jobSeries(s),
              request: resolved.options,
              dashboardUid,
              panelId,
              config,
              drift,
              forceRetrain: force,
            },
            {
              signal,
              onProgress: (p) => !signal.aborted && setProgress({ series: s.displayName, progress: p }),
              onCached: (result, status) => put(i, result, status),
            }
          );
          put(i, outcome.result, outcome.lstm);
        }
      })().finally(() => {
        if (controllerRef.current === controller) {
          setRunning(false);
          setProgress(null);
        }
      });
      return () => controller.abort();
    },
    // thresholds are compared by value, as in usePanelForecasts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      series,
      model,
      horizon,
      fitWindow,
      confidence,
      direction,
      thresholdKey,
      nonce,
      enabled,
      panelId,
      lstmLookBack,
      lstmEpochs,
      lstmFineTuneEpochs,
      lstmDriftLimit,
      lstmDriftAbsoluteLimit,
    ]
  );

  const retrain = useCallback(() => {
    forceRef.current = true;
    setNonce((n) => n + 1);
  }, []);
  const cancel = useCallback(() => {
    controllerRef.current?.abort();
    setRunning(false);
    setProgress(null);
  }, []);

  return { forecasts: enabled ? forecasts : [], progress, statuses, running, runner, retrain, cancel };
}
