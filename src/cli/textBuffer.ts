/**
 * Text written as UTF-8 bytes into one growing buffer and read out as one flat string. A
 * forecast's points written as template strings (a dozen small strings per point, 720 points a
 * series) made a rope that cost more to flatten on its way to stdout than to make: the 10,000
 * series JSON report spent a fifth of its time there (docs/benchmarks.md, "CLI at fleet size").
 */
export class TextBuffer {
  private bytes = new Uint8Array(1 << 16);
  private size = 0;
  private ascii = true;

  /** Empties the buffer (its memory is kept for the next text). */
  reset(): this {
    this.size = 0;
    this.ascii = true;
    return this;
  }

  /** Appends s[from, to). */
  add(s: string, from = 0, to = s.length): this {
    this.room(to - from);
    const bytes = this.bytes;
    let n = this.size;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        // Rare (a series name): the rest of the string as UTF-8, three bytes a character at most.
        this.size = n;
        this.room(3 * (to - i));
        this.size += Buffer.from(s.slice(i, to)).copy(this.bytes, this.size);
        this.ascii = false;
        return this;
      }
      bytes[n++] = c;
    }
    this.size = n;
    return this;
  }

  /** Appends the digits of a non-negative integer below 10^15, at least `width` of them (leading zeros). */
  digits(v: number, width = 1): this {
    let count = 1;
    for (let p = 10; p <= v; p *= 10) {
      count++;
    }
    count = Math.max(count, width);
    this.room(count);
    let n = this.size + count;
    this.size = n;
    for (let k = 0; k < count; k++) {
      const q = Math.floor(v / 10);
      this.bytes[--n] = 48 + (v - q * 10);
      v = q;
    }
    return this;
  }

  /**
   * Appends the integer n (|n| < 2^53) with its last `places` digits after a decimal point,
   * trailing zeros and a bare point dropped: decimal(-12340, 3) is "-12.34", decimal(5, 2) "0.05".
   * One pass from the right, the division by ten exact for integers below 2^53.
   */
  decimal(n: number, places: number): this {
    let a = n < 0 ? -n : n;
    if (a === 0) {
      return this.add('0');
    }
    let q = Math.floor(a / 10);
    while (places > 0 && q * 10 === a) {
      a = q;
      q = Math.floor(a / 10);
      places--;
    }
    let count = 1;
    for (let p = 10; p <= a; p *= 10) {
      count++;
    }
    // At least one digit before the point.
    const width = Math.max(count, places + 1);
    const length = (n < 0 ? 1 : 0) + width + (places > 0 ? 1 : 0);
    this.room(length);
    const bytes = this.bytes;
    let i = this.size + length;
    this.size = i;
    for (let k = 0; k < width; k++) {
      if (k === places && k > 0) {
        bytes[--i] = 46;
      }
      q = Math.floor(a / 10);
      bytes[--i] = 48 + (a - q * 10);
      a = q;
    }
    if (n < 0) {
      bytes[--i] = 45;
    }
    return this;
  }

  /** Appends bytes [from, to) of another buffer's text. */
  addSpan(source: TextBuffer, from: number, to: number): this {
    this.room(to - from);
    const bytes = this.bytes;
    const src = source.bytes;
    let n = this.size;
    // A plain loop: spans are a few dozen bytes, where a subarray and a native copy cost more.
    for (let i = from; i < to; i++) {
      bytes[n++] = src[i];
    }
    this.size = n;
    this.ascii &&= source.ascii;
    return this;
  }

  /** Bytes written so far (an offset for addSpan). */
  get length(): number {
    return this.size;
  }

  /** The text so far. */
  toString(): string {
    const view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.size);
    // Latin-1 is a copy of the bytes, and the same text while they are all ASCII.
    return view.toString(this.ascii ? 'latin1' : 'utf8');
  }

  private room(more: number): void {
    if (this.size + more > this.bytes.length) {
      const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.size + more));
      grown.set(this.bytes.subarray(0, this.size));
      this.bytes = grown;
    }
  }
}
