/**
 * The value of a plain decimal text, `-?digits(.digits)?`, read from its characters; NaN for any
 * other text. Every row of an input has two of these (a time, a value), and Number() on a string
 * costs more than the arithmetic: up to 15 digits, the digits as an integer divided by a power of
 * ten is one correctly rounded division of two exact numbers, so the result is Number()'s to the
 * bit. Longer texts are read by Number(). `from` and `to` read a cell in place in a line's text.
 */
export function plainDecimal(text: string, from = 0, to = text.length): number {
  let i = text.charCodeAt(from) === 45 ? from + 1 : from;
  const negative = i > from;
  let digits = 0;
  let mantissa = 0;
  const firstDigit = i;
  for (; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) {
      break;
    }
    mantissa = mantissa * 10 + c;
    digits++;
  }
  if (i === firstDigit) {
    return NaN;
  }
  let decimals = 0;
  if (i < to) {
    if (text.charCodeAt(i) !== 46) {
      return NaN;
    }
    const firstDecimal = ++i;
    for (; i < to; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) {
        return NaN;
      }
      mantissa = mantissa * 10 + c;
      digits++;
    }
    decimals = i - firstDecimal;
    if (decimals === 0) {
      return NaN;
    }
  }
  if (digits > 15) {
    return Number(from === 0 && to === text.length ? text : text.slice(from, to));
  }
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
  return negative ? -value : value;
}

/** 10^0 … 10^15, each exact in a double. */
export const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);
