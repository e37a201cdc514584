/**
 * `host=web1, path=/var` — the tags that tell series apart, sorted by key: the name of a series
 * in the panel, the data source and the command line alike.
 */
export function labelKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(', ');
}
