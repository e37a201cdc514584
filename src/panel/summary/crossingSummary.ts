import type { TimeZone } from '@grafana/schema';

import { PanelForecast } from '../usePanelForecasts';
import { crossingPhrase, PhraseContext } from './crossingPhrase';
import { noticeLines } from './noticeLines';
import { formatDate, formatSpan, timeZoneName } from './timeText';

export type SummaryLineKind = 'crossing' | 'quiet' | 'problem' | 'notice';

/** One line of the summary; `color` is its series' colour where the line is about one series. */
export interface SummaryLine {
  kind: SummaryLineKind;
  text: string;
  color?: string;
}

export interface CrossingSummaryText {
  /** What the dates mean: the horizon and the time zone. Empty when nothing is dated. */
  header: string;
  lines: SummaryLine[];
}

/** Series named in a collapsed line, up to this many; beyond it only their count. */
const NAMED_OTHERS = 4;

/**
 * The text under the chart. One line per series that reaches a threshold, sorted by time left
 * (already beyond first): `host=db1: 90% in 6 d 23 h — Mon 7 Dec ~21:00, between …; 100% in …`.
 * The series that reach none within the horizon are collapsed into one line per threshold they
 * head for (`3 others do not reach 90% within 14 d`). Then the series that could not be forecast,
 * and the engine's notices merged across series. The header states the horizon and time zone.
 * With crossings off only the problems and notices remain.
 */
export function crossingSummary(
  forecasts: PanelForecast[],
  colors: string[],
  ctx: PhraseContext & { timeZone: TimeZone },
  showCrossings: boolean
): CrossingSummaryText {
  const dated: Array<{ line: SummaryLine; first: number }> = [];
  const quiet = new Map<string, string[]>();
  const problems: SummaryLine[] = [];
  forecasts.forEach(({ series, result }, i) => {
    if (result.problem) {
      problems.push({
        kind: 'problem',
        text: `${series.name}: no forecast — ${result.problem.message}`,
        color: colors[i],
      });
      return;
    }
    const reached = result.crossings
      .map((c) => ({ c, phrase: crossingPhrase(c, ctx) }))
      .filter((r): r is { c: (typeof result.crossings)[number]; phrase: string } => r.phrase !== undefined)
      .sort((a, b) => when(a.c, ctx.now) - when(b.c, ctx.now));
    if (reached.length > 0) {
      const text = `${series.name}: ${reached.map((r) => r.phrase).join('; ')}`;
      dated.push({ line: { kind: 'crossing', text, color: colors[i] }, first: when(reached[0].c, ctx.now) });
      return;
    }
    const heading = nearestThreshold(result.crossings);
    if (heading) {
      const verb = heading.direction === 'rising' ? 'reach' : 'fall to';
      const key = `${verb} ${ctx.formatValue(heading.threshold)}`;
      quiet.set(key, [...(quiet.get(key) ?? []), series.name]);
    }
  });
  const horizon = horizonOf(forecasts);
  const within = horizon ? ` within ${formatSpan(horizon.span)}` : ' within the horizon';
  const quietLines: SummaryLine[] = Array.from(quiet.entries()).map(([key, names]) => ({
    kind: 'quiet',
    text: quietText(key, names, dated.length > 0, within),
  }));
  const crossingLines = dated.sort((a, b) => a.first - b.first).map((d) => d.line);
  const notices = noticeLines(forecasts).map((text): SummaryLine => ({ kind: 'notice', text }));
  const datedAnything = showCrossings && crossingLines.length + quietLines.length > 0;
  return {
    header: datedAnything && horizon ? headerText(horizon, ctx) : '',
    lines: [...(showCrossings ? [...crossingLines, ...quietLines] : []), ...problems, ...notices],
  };
}

/** Time of a reached crossing for sorting: already beyond counts as now. */
function when(c: { status: string; time: number | null }, now: number): number {
  return c.status === 'already-beyond' || c.time === null ? now : c.time;
}

/** The threshold a series heads for first: the lowest when rising, the highest when falling. */
function nearestThreshold(crossings: PanelForecast['result']['crossings']) {
  if (crossings.length === 0) {
    return undefined;
  }
  const direction = crossings[0].direction;
  const values = crossings.map((c) => c.threshold);
  return { direction, threshold: direction === 'rising' ? Math.min(...values) : Math.max(...values) };
}

function quietText(key: string, names: string[], afterOthers: boolean, within: string): string {
  if (names.length === 1) {
    return `${names[0]} does not ${key}${within}`;
  }
  const who = afterOthers ? `${names.length} others` : `${names.length} series`;
  const listed = names.length <= NAMED_OTHERS ? ` (${names.join(', ')})` : '';
  return `${who}${listed} do not ${key}${within}`;
}

/** The longest forecast: from the last observation to its last step. */
function horizonOf(forecasts: PanelForecast[]): { span: number; end: number } | undefined {
  let best: { span: number; end: number } | undefined;
  for (const { result } of forecasts) {
    const times = result.forecast?.times;
    if (result.lastTime !== null && times && times.length > 0) {
      const end = times[times.length - 1];
      if (!best || end - result.lastTime > best.span) {
        best = { span: end - result.lastTime, end };
      }
    }
  }
  return best;
}

function headerText(horizon: { span: number; end: number }, ctx: PhraseContext): string {
  const end = formatDate(horizon.end, 'hour', ctx.timeZone, ctx.now);
  return `Threshold crossings within ${formatSpan(horizon.span)} (to ${end}), times in ${timeZoneName(ctx.timeZone)}`;
}
