/** The dashboard UID from Grafana's URL (/d/<uid>/…); 'unsaved' for a new dashboard. Part of the LSTM's cache key. */
export function dashboardUidFromPath(path: string): string {
  const m = /\/d(?:-solo)?\/([^/?#]+)/.exec(path);
  return m ? m[1] : 'unsaved';
}
