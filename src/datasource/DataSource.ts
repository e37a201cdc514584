import {
  DataFrame,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  TestDataSourceResponse,
} from '@grafana/data';
// Operators from 'rxjs' itself: that is the module Grafana shares (rxjs/operators would be bundled).
import { catchError, defer, from, last, mergeMap, Observable, of } from 'rxjs';

import { buildInnerRequest, InnerInfluxQuery } from './innerRequest';
import { resolveQuery } from './queryOptions';
import { immediateQueryFrames, queryFrames } from './queryFrames';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { loadLstmRunner } from '../runtime/loadLstmRunner';
import { DataSourceServices, grafanaServices } from './services';
import { DEFAULT_QUERY, INNER_TYPE, TrendcastDataSourceOptions, TrendcastQuery, withQueryDefaults } from './types';

/** A request ready for the inner data source, with the errors of the queries left out of it. */
interface Prepared {
  inner: DataSourceApi;
  request: DataQueryRequest<InnerInfluxQuery>;
  /** The queries that run, each with its forecast options resolved. */
  queries: Array<{ query: TrendcastQuery; options: ResolvedForecastOptions }>;
  errors: DataQueryError[];
  now: number;
  /** Whose LSTM models these are: the request's dashboard and panel. */
  dashboardUid: string;
  panelId: string | number;
}

/**
 * Trendcast's data source: runs each query's InfluxQL through the wrapped InfluxDB data source
 * (Grafana's own `query`, so auth, proxying and caching stay Grafana's) and returns the original
 * frames, a forecast frame per series and a `crossings` table frame (see queryFrames).
 * Errors never throw out of query(): they come back as the response's `errors` with state Error,
 * and the observable always completes. LSTM queries train in the shared worker (loadLstmRunner),
 * their models kept per dashboard UID + panel id; unsubscribing aborts the training.
 */
export class DataSource extends DataSourceApi<TrendcastQuery, TrendcastDataSourceOptions> {
  readonly innerUid: string | undefined;

  constructor(
    instanceSettings: DataSourceInstanceSettings<TrendcastDataSourceOptions>,
    private readonly services: DataSourceServices = grafanaServices
  ) {
    super(instanceSettings);
    this.innerUid = instanceSettings.jsonData.innerUid || undefined;
  }

  getDefaultQuery(): Partial<TrendcastQuery> {
    return DEFAULT_QUERY;
  }

  /** Queries without InfluxQL are not run (a new, empty query in the editor). */
  filterQuery(query: TrendcastQuery): boolean {
    return !query.hide && typeof query.innerQuery === 'string' && query.innerQuery.trim() !== '';
  }

  query(request: DataQueryRequest<TrendcastQuery>): Observable<DataQueryResponse> {
    return defer(() => from(this.prepare(request))).pipe(
      mergeMap((p) => ('response' in p ? of(p.response) : this.runInner(p))),
      catchError((e: unknown) => of(errorResponse([{ message: `Trendcast: ${errorText(e)}` }])))
    );
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    const found = await this.findInner();
    if ('error' in found) {
      return { status: 'error', message: found.error };
    }
    const inner = found.inner;
    try {
      const own = await inner.testDatasource();
      if (own.status !== 'success') {
        return {
          status: 'error',
          message: `The InfluxDB data source "${inner.name}" fails its own test: ${own.message}`,
        };
      }
    } catch (e) {
      return {
        status: 'error',
        message: `The InfluxDB data source "${inner.name}" fails its own test: ${errorText(e)}`,
      };
    }
    return { status: 'success', message: `Forecasting queries of the InfluxDB data source "${inner.name}".` };
  }

  /** The wrapped data source, or a message saying what to fix. */
  private async findInner(): Promise<{ inner: DataSourceApi } | { error: string }> {
    if (!this.innerUid) {
      return {
        error:
          "No InfluxDB data source is chosen: pick the one whose queries to forecast in this data source's settings.",
      };
    }
    let inner: DataSourceApi;
    try {
      inner = await this.services.getDataSource(this.innerUid);
    } catch (e) {
      return {
        error: `The InfluxDB data source with UID "${this.innerUid}" was not found (${errorText(e)}); pick an existing one in this data source's settings.`,
      };
    }
    if (inner.type !== INNER_TYPE) {
      return {
        error: `"${inner.name}" is a ${inner.type} data source; Trendcast wraps InfluxDB data sources (InfluxQL) only: pick one in this data source's settings.`,
      };
    }
    return { inner };
  }

  /** Validates the queries and builds the inner request; or the final response when nothing can run. */
  private async prepare(
    request: DataQueryRequest<TrendcastQuery>
  ): Promise<Prepared | { response: DataQueryResponse }> {
    const errors: DataQueryError[] = [];
    const queries: Prepared['queries'] = [];
    for (const target of request.targets) {
      if (target.hide) {
        continue;
      }
      const query = withQueryDefaults(target);
      const resolved = resolveQuery(query);
      if ('errors' in resolved) {
        errors.push({ refId: query.refId, message: `Query ${query.refId}: ${resolved.errors.join('; ')}` });
      } else {
        queries.push({ query, options: resolved.options });
      }
    }
    if (queries.length === 0) {
      return { response: errors.length > 0 ? errorResponse(errors) : { data: [], state: LoadingState.Done } };
    }
    const found = await this.findInner();
    if ('error' in found) {
      return {
        response: errorResponse([
          ...errors,
          ...queries.map(({ query }) => ({ refId: query.refId, message: found.error })),
        ]),
      };
    }
    const now = this.services.now();
    const ref = { type: found.inner.type, uid: found.inner.uid };
    const built = buildInnerRequest(
      request,
      queries.map(({ query }) => query),
      ref,
      this.services.interpolate,
      now
    );
    if ('error' in built) {
      return {
        response: errorResponse([
          ...errors,
          ...queries.map(({ query }) => ({ refId: query.refId, message: `Query ${query.refId}: ${built.error}` })),
        ]),
      };
    }
    return {
      inner: found.inner,
      request: built.request,
      queries,
      errors,
      now,
      // Explore and new dashboards have no UID or panel id: their models are kept under these names.
      dashboardUid: request.dashboardUID || 'unsaved',
      panelId: request.panelId ?? 'explore',
    };
  }

  /** Runs the inner request, keeps its last answer (the complete one) and forecasts its frames. */
  private runInner(p: Prepared): Observable<DataQueryResponse> {
    const innerName = p.inner.name;
    return from(p.inner.query(p.request)).pipe(
      last(undefined, null),
      mergeMap((resp) => abortable<DataQueryResponse>((signal, emit) => this.forecastResponse(p, resp, signal, emit))),
      catchError((e: unknown) =>
        of(errorResponse([...p.errors, { message: `InfluxDB data source "${innerName}": ${errorText(e)}` }]))
      )
    );
  }

  /**
   * The response to the inner data source's last answer: its errors, and each query's frames.
   * When an `auto` query goes on to train the LSTM, its fitted forecasts are emitted first (state
   * Loading) and replaced by the final answer.
   */
  private async forecastResponse(
    p: Prepared,
    resp: DataQueryResponse | null,
    signal: AbortSignal,
    emit: (early: DataQueryResponse) => void
  ): Promise<DataQueryResponse> {
    const innerName = p.inner.name;
    if (resp === null) {
      return errorResponse([...p.errors, { message: `InfluxDB data source "${innerName}" returned no answer` }]);
    }
    const innerErrors = responseErrors(resp).map((e) => ({
      ...e,
      message: `InfluxDB data source "${innerName}": ${e.message ?? e.data?.message ?? 'query failed'}`,
    }));
    const failed = new Set(innerErrors.map((e) => e.refId));
    const frames = resp.data as DataFrame[];
    // A frame without refId belongs to the only query there is.
    const queries = p.queries
      .filter(({ query: q }) => !failed.has(q.refId) && !failed.has(undefined))
      .map((entry) => ({
        ...entry,
        own: frames.filter((f) => f.refId === entry.query.refId || (f.refId === undefined && p.queries.length === 1)),
      }));
    const early = queries.map(({ query, options, own }) => ({
      auto: query.model === 'auto',
      ...immediateQueryFrames(own, query, options, p.now),
    }));
    if (early.some((e) => e.auto && e.trains)) {
      const data = early.flatMap((e) => e.frames);
      const errors = [...p.errors, ...innerErrors];
      emit({ data, state: LoadingState.Loading, ...(errors.length > 0 ? { errors } : {}) });
    }
    const data: DataFrame[] = [];
    const ownErrors: DataQueryError[] = [];
    const lstm = {
      runner: this.services.lstmRunner ?? loadLstmRunner,
      dashboardUid: p.dashboardUid,
      panelId: p.panelId,
      signal,
    };
    for (const [i, { query: q, options, own }] of queries.entries()) {
      if (!early[i].trains) {
        data.push(...early[i].frames);
        continue;
      }
      try {
        data.push(...(await queryFrames(own, q, options, p.now, lstm, early[i].immediate)));
      } catch (e) {
        // Only the LSTM's runner can fail here (its chunk did not load): that query's error, not the inner one's.
        ownErrors.push({ refId: q.refId, message: `Query ${q.refId}: the LSTM model did not start: ${errorText(e)}` });
        if (q.model === 'auto') {
          data.push(...early[i].frames);
        }
      }
    }
    const errors = [...p.errors, ...innerErrors, ...ownErrors];
    return errors.length > 0 ? { ...errorResponse(errors), data } : { data, state: LoadingState.Done };
  }
}

/**
 * An observable of `run`'s early answers (`emit`) and its final one, then complete; unsubscribing
 * before the final answer aborts the signal given to `run` (the LSTM's training stops) and drops it.
 */
function abortable<T>(run: (signal: AbortSignal, emit: (early: T) => void) => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    const emit = (early: T) => {
      if (!controller.signal.aborted) {
        subscriber.next(early);
      }
    };
    run(controller.signal, emit).then(
      (value) => {
        subscriber.next(value);
        subscriber.complete();
      },
      (e: unknown) => subscriber.error(e)
    );
    return () => controller.abort();
  });
}

function errorResponse(errors: DataQueryError[]): DataQueryResponse {
  return { data: [], errors, state: LoadingState.Error };
}

/** A response's errors, from `errors` or the older single `error`. */
function responseErrors(resp: DataQueryResponse): DataQueryError[] {
  if (resp.errors && resp.errors.length > 0) {
    return resp.errors;
  }
  // Older data sources still answer with the single (deprecated) `error`.
  // eslint-disable-next-line deprecation/deprecation
  return resp.error ? [resp.error] : [];
}

/** The message of anything thrown (Error, fetch error with data.message, string). */
export function errorText(e: unknown): string {
  if (e instanceof Error) {
    return e.message;
  }
  if (typeof e === 'string') {
    return e;
  }
  if (typeof e === 'object' && e !== null) {
    const o = e as { message?: unknown; data?: { message?: unknown }; statusText?: unknown };
    for (const m of [o.data?.message, o.message, o.statusText]) {
      if (typeof m === 'string' && m !== '') {
        return m;
      }
    }
  }
  return 'unknown error';
}
