import { useCallback, useEffect, useRef, useState } from 'react';

import { PanelSeries } from '../common/framesToSeries';
import { badOptionsProblem, resolveForecastOptions } from '../models/forecastOptions';
import { emptySeriesForecast, SeriesForecast } from '../models/forecastSeries';
import { LstmProgress } from '../models/lstm';
import { forecastSeries, immediateForecast, LstmPlace, willTrain } from '../runtime/forecastSeries';
import { inLanes } from '../runtime/inLanes';
import { loadLstmRunner } from '../runtime/loadLstmRunner';
import { LstmStatus } from '../runtime/lstmRefresh';
import { driftPolicyFromOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { dashboardUidFromPath } from './dashboardUid';
import { ThresholdLine } from './thresholdValues';
import { TrendcastOptions } from './types';

export interface PanelForecast {
  series: PanelSeries;
  result: SeriesForecast;
}

/** The panel's forecasts and, for a trained model (the LSTM), its training state. */
export interface PanelForecastState {
  forecasts: PanelForecast[];
  /** The network being trained now, or null. */
  progress: { series: string; progress: LstmProgress } | null;
  /** Per series name: the LSTM's status after its last refresh (null for the fitted models). */
  statuses: Record<string, LstmStatus | null>;
  running: boolean;
  /** Whether this run trains any series (the LSTM, or auto on a seasonal series): its status bar shows. */
  trains: boolean;
  /** Where training runs ('worker' normally); null until an LSTM series loads the runner. */
  runner: 'worker' | 'main-thread' | null;
  /** "Retrain now": every series from scratch. */
  retrain(): void;
  /** Stops the training in progress (the forecasts so far stay). */
  cancel(): void;
}

/** The forecasts of one run: a new run's results replace the previous run's as they arrive. */
interface RunForecasts {
  run: number;
  items: PanelForecast[];
}

/**
 * Every series through the one forecast entry (runtime/forecastSeries), whatever the model, when
 * the data or the forecast options change (not when an overlay is toggled). The options are
 * resolved once per run; a bad series yields a result with `problem`, never hiding the others.
 * The fitted models answer at once (auto's too), so the previous forecasts are replaced without a
 * frame of blank chart. The LSTM trains in the shared training worker (loaded on its first
 * series), for `lstm` on every series and for `auto` on those it found seasonal (whose fitted
 * forecast stays until the LSTM's replaces it, if that backtests better): its forecast from cached
 * weights is shown as soon as it arrives, fine-tuning or training updates it; until then an `lstm`
 * series is drawn without forecast. Work is cancelled when the panel unmounts or its data or
 * options change.
 */
export function usePanelForecasts(
  series: PanelSeries[],
  options: TrendcastOptions,
  thresholds: ThresholdLine[],
  panelId: number
): PanelForecastState {
  const { model, horizon, fitWindow, confidence, direction } = options;
  const { lstmLookBack, lstmEpochs, lstmFineTuneEpochs, lstmDriftLimit, lstmDriftAbsoluteLimit } = options;
  const thresholdKey = thresholds.map((t) => t.value).join(',');
  const [nonce, setNonce] = useState(0);
  const forceRef = useRef(false);
  const runRef = useRef(0);
  const controllerRef = useRef<AbortController | null>(null);
  const [forecasts, setForecasts] = useState<RunForecasts>({ run: 0, items: [] });
  const [progress, setProgress] = useState<PanelForecastState['progress']>(null);
  const [statuses, setStatuses] = useState<Record<string, LstmStatus | null>>({});
  const [running, setRunning] = useState(false);
  const [trains, setTrains] = useState(false);
  const [runner, setRunner] = useState<PanelForecastState['runner']>(null);

  useEffect(
    () => {
      const run = ++runRef.current;
      const resolved = resolveForecastOptions({
        model,
        horizon,
        fitWindow,
        confidence,
        direction,
        thresholds: thresholds.map((t) => t.value),
      });
      if ('errors' in resolved) {
        const problem = badOptionsProblem(resolved.errors);
        setForecasts({ run, items: series.map((s) => ({ series: s, result: emptySeriesForecast(s, problem) })) });
        return;
      }
      const controller = new AbortController();
      controllerRef.current = controller;
      const { signal } = controller;
      const force = forceRef.current;
      forceRef.current = false;
      const lstmOptions = { lstmLookBack, lstmEpochs, lstmFineTuneEpochs, lstmDriftLimit, lstmDriftAbsoluteLimit };
      const place: LstmPlace = {
        runner: async () => {
          const r = await loadLstmRunner();
          setRunner(r.where);
          return r;
        },
        dashboardUid: typeof window !== 'undefined' ? dashboardUidFromPath(window.location.pathname) : 'unsaved',
        panelId,
        config: lstmConfigFromOptions(lstmOptions),
        drift: driftPolicyFromOptions(lstmOptions),
        forceRetrain: force,
      };
      const put = (i: number, result: SeriesForecast, status: LstmStatus | null) => {
        if (signal.aborted) {
          return;
        }
        setForecasts((prev) => ({
          run,
          items: prev.items.map((f, j) => (j === i ? { series: f.series, result } : f)),
        }));
        setStatuses((prev) => ({ ...prev, [series[i].name]: status }));
      };
      // The fitted models' forecasts at once (auto's too, on the series it goes on to train); the
      // LSTM's series are drawn without forecast until it answers.
      const immediate = series.map((s) => immediateForecast(s, resolved.options));
      const toTrain = immediate.map((first) => willTrain(resolved.options, first));
      setForecasts({
        run,
        items: series.map((s, i) => ({ series: s, result: immediate[i] ?? emptySeriesForecast(s) })),
      });
      setTrains(toTrain.some(Boolean));
      setRunning(true);
      const training = series.map((_, i) => i).filter((i) => toTrain[i]);
      (async () => {
        // As many series at once as the runner has training workers (one per core).
        let lanes = 1;
        if (training.length > 1) {
          lanes = await place.runner().then(
            (r) => r.lanes,
            () => 1
          );
        }
        await inLanes(
          training,
          lanes,
          async (i) => {
            const s = series[i];
            try {
              const outcome = await forecastSeries(s, resolved.options, {
                lstm: place,
                immediate: immediate[i] ?? undefined,
                signal,
                onProgress: (p) => !signal.aborted && setProgress({ series: s.displayName, progress: p }),
                onCached: (result, status) => put(i, result, status),
              });
              put(i, outcome.result, outcome.lstm);
            } catch (e) {
              // Only the LSTM's runner can fail to load (its chunk did not arrive): said on the series.
              const message = `the LSTM model did not start: ${e instanceof Error ? e.message : String(e)}`;
              const shown = immediate[i];
              put(
                i,
                shown
                  ? { ...shown, notices: [...shown.notices, { code: 'lstm-failed', message }] }
                  : emptySeriesForecast(s, { code: 'model-failed', message }),
                null
              );
            }
          },
          signal
        );
      })().finally(() => {
        if (controllerRef.current === controller) {
          setRunning(false);
          setProgress(null);
        }
      });
      return () => {
        controller.abort();
      };
    },
    // thresholds are compared by value: a new array with the same steps must not refit.
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

  return { forecasts: forecasts.items, progress, statuses, running, trains, runner, retrain, cancel };
}
