import { formattedValueToString, getValueFormat } from '@grafana/data';

/** Magnitudes from which the unit formatter would print every digit (`1.5000000000000001e+302%`). */
const HUGE = 1e15;

/**
 * Formats a value with the field's unit and decimals, as Grafana shows it; values too large for a
 * fixed-point display are shown with 3 significant digits (`1.5e+302%`).
 */
export function valueFormatter(unit: string | undefined, decimals: number | undefined): (v: number) => string {
  const fmt = getValueFormat(unit ?? 'none');
  return (v: number) => {
    const display = fmt(v, decimals);
    if (Math.abs(v) >= HUGE) {
      display.text = String(Number(v.toPrecision(3)));
    }
    return formattedValueToString(display);
  };
}
