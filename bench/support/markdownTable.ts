/** A GitHub-flavoured markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const numeric = header.map(
    (_h, c) =>
      rows.length > 0 && rows.every((r) => /^(≤ )?[-+]?[\d.,]+(e[-+]?\d+)?\s*(×|%|ms|MB|h)?$|^–$/.test(r[c] ?? ''))
  );
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = numeric.map((n) => (n ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** A number with a fixed count of decimals, or an en dash when it is not finite. */
export function fmt(x: number, decimals: number): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : '–';
}
