import { TextBuffer } from './textBuffer';

/**
 * The text each forecast row starts with (its time, written by `write`), kept for the next series
 * on the same grid: a fleet's volumes end at the same hour, so their 720 forecast times are the
 * same texts, and writing them anew for every series was a fifth of the JSON report's output time.
 */
export class GridTexts {
  private times: Array<number | null> = [];
  private style = '';
  private readonly text = new TextBuffer();
  private ends = new Int32Array(0);

  /**
   * Makes row k's text (`write(out, times[k], k)`) available to `copy`, rewritten only when the
   * times or the style (what else `write` depends on) differ from the previous call's.
   */
  prepare(
    times: ReadonlyArray<number | null>,
    style: string,
    write: (out: TextBuffer, t: number | null, k: number) => void
  ): this {
    if (style === this.style && sameTimes(times, this.times)) {
      return this;
    }
    this.times = times.slice();
    this.style = style;
    this.text.reset();
    this.ends = new Int32Array(times.length);
    for (let k = 0; k < times.length; k++) {
      write(this.text, times[k], k);
      this.ends[k] = this.text.length;
    }
    return this;
  }

  /** Appends row k's text to `out`. */
  copy(out: TextBuffer, k: number): TextBuffer {
    return out.addSpan(this.text, k === 0 ? 0 : this.ends[k - 1], this.ends[k]);
  }
}

function sameTimes(a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let k = 0; k < a.length; k++) {
    // Object.is: NaN equals NaN, and null and NaN (written differently) stay apart.
    if (!Object.is(a[k], b[k])) {
      return false;
    }
  }
  return true;
}
