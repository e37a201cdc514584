/**
 * Pixel checks on a uPlot canvas, computed in the page: remember what the canvas shows, then count
 * the pixels that differ later (a toggle, a legend click). Only counts leave the page.
 */
import type { Locator } from 'playwright-core';

declare global {
  interface Window {
    __TRENDCAST_PIXELS__?: Record<string, Uint8ClampedArray>;
  }
}

/** Stores the canvas' current pixels under `key`. */
export async function rememberCanvas(canvas: Locator, key: string): Promise<void> {
  await canvas.evaluate((c: HTMLCanvasElement, k: string) => {
    window.__TRENDCAST_PIXELS__ = window.__TRENDCAST_PIXELS__ ?? {};
    window.__TRENDCAST_PIXELS__[k] = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  }, key);
}

/** How many pixels of the canvas differ from those stored under `key` (−1 when the size changed). */
export async function changedPixels(canvas: Locator, key: string): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement, k: string) => {
    const before = window.__TRENDCAST_PIXELS__?.[k];
    const now = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    if (!before || before.length !== now.length) {
      return -1;
    }
    let n = 0;
    for (let i = 0; i < now.length; i += 4) {
      if (now[i] !== before[i] || now[i + 1] !== before[i + 1] || now[i + 2] !== before[i + 2]) {
        n++;
      }
    }
    return n;
  }, key);
}

/** The canvas as a PNG data URL: two drawings of the same thing give the same string. */
export async function canvasImage(canvas: Locator): Promise<string> {
  return canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
}
