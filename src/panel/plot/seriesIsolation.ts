import type { SeriesVisibilityChangeMode } from '@grafana/ui';

/** SeriesVisibilityChangeMode.AppendToSelection's value (Ctrl/Cmd-click), read without loading @grafana/ui. */
const APPEND = 'append';

/**
 * The series hidden after a legend click, as Grafana's legend behaves: a click isolates the
 * series (a second click on the isolated one shows all again); with Ctrl/Cmd it is added to or
 * taken from what is shown (the last shown series stays). `names` are all the panel's series.
 */
export function nextHidden(
  hidden: ReadonlySet<string>,
  label: string,
  mode: SeriesVisibilityChangeMode,
  names: string[]
): ReadonlySet<string> {
  if (!names.includes(label)) {
    return hidden;
  }
  const shown = names.filter((n) => !hidden.has(n));
  if (String(mode) === APPEND) {
    const next = new Set(hidden);
    if (hidden.has(label)) {
      next.delete(label);
    } else if (shown.length > 1) {
      next.add(label);
    }
    return next;
  }
  if (shown.length === 1 && shown[0] === label) {
    return new Set();
  }
  return new Set(names.filter((n) => n !== label));
}
