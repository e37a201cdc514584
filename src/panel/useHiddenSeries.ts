import { SeriesVisibilityChangeMode } from '@grafana/ui';
import { useCallback, useState } from 'react';

import { nextHidden } from './plot/seriesIsolation';

/** The series a viewer isolated away with legend clicks (kept while the panel is shown). */
export function useHiddenSeries(names: string[]) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const key = names.join('\n');
  const onToggleSeries = useCallback(
    (label: string, mode: SeriesVisibilityChangeMode) => setHidden((h) => nextHidden(h, label, mode, key.split('\n'))),
    [key]
  );
  return { hidden, onToggleSeries };
}
