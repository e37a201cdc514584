import type { SeriesVisibilityChangeMode } from '@grafana/ui';

import { nextHidden } from './seriesIsolation';

const NAMES = ['host=a', 'host=b', 'host=c'];
// SeriesVisibilityChangeMode.ToggleSelection and .AppendToSelection.
const CLICK = 'select' as SeriesVisibilityChangeMode;
const CTRL = 'append' as SeriesVisibilityChangeMode;

describe('nextHidden', () => {
  it('isolates the clicked series, and a second click shows all again', () => {
    const isolated = nextHidden(new Set(), 'host=b', CLICK, NAMES);
    expect([...isolated].sort()).toEqual(['host=a', 'host=c']);
    expect([...nextHidden(isolated, 'host=b', CLICK, NAMES)]).toEqual([]);
  });

  it('moves the isolation to another clicked series', () => {
    const isolated = nextHidden(new Set(['host=a', 'host=c']), 'host=a', CLICK, NAMES);
    expect([...isolated].sort()).toEqual(['host=b', 'host=c']);
  });

  it('adds and removes with Ctrl/Cmd, keeping the last shown series', () => {
    const one = new Set(['host=a', 'host=c']);
    expect([...nextHidden(one, 'host=a', CTRL, NAMES)]).toEqual(['host=c']);
    expect([...nextHidden(one, 'host=b', CTRL, NAMES)].sort()).toEqual(['host=a', 'host=c']);
    expect([...nextHidden(new Set(), 'host=b', CTRL, NAMES)]).toEqual(['host=b']);
  });

  it('ignores a label that is not one of the series', () => {
    const hidden = new Set(['host=a']);
    expect(nextHidden(hidden, 'host=z', CLICK, NAMES)).toBe(hidden);
  });
});
