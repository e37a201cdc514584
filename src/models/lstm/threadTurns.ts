/**
 * Turns of the thread a training runs on. Where no worker can start, a page trains on its main
 * thread: the training gives the page its turn often enough that no stretch of work lasts much
 * over YIELD_EVERY_MS (clicks, rendering and cancel messages get through in between).
 */

/** Longest stretch of work between two turns of the event loop (ms). */
const YIELD_EVERY_MS = 30;

/** When this thread last came back from a yield: one clock for every training running in it. */
let resumedAt = Date.now();

/**
 * A macrotask's pause: timers, messages and a page's rendering get their turn. Not setTimeout(0)
 * where there is better: browsers hold a timer set from a timer's task back 4 ms once five are
 * nested, which a training's thirty-odd turns would pay each time (a worker included).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) =>
    nextTurn(() => {
      resumedAt = Date.now();
      resolve();
    })
  );
}

const nextTurn: (run: () => void) => void =
  typeof setImmediate === 'function'
    ? (run) => setImmediate(run)
    : typeof MessageChannel === 'function'
      ? messageTurn
      : (run) => setTimeout(run, 0);

/** Callbacks waiting for their message, in order; one channel for the thread. */
const waiting: Array<() => void> = [];
let channel: MessageChannel | null = null;

function messageTurn(run: () => void): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(run);
  channel.port2.postMessage(null);
}

/**
 * Yields when the thread has worked YIELD_EVERY_MS since it last came back from any yield. The
 * clock is shared: a training that starts where another stopped (the next component, the next
 * series) does not get a fresh budget on top of what the thread has already spent.
 */
export async function yieldWhenDue(): Promise<void> {
  if (Date.now() - resumedAt >= YIELD_EVERY_MS) {
    await yieldToEventLoop();
  }
}
