/**
 * Runs `task` on each of `items`, at most `lanes` at a time, starting them in order; no new one
 * starts once `signal` is aborted. Resolves when the started ones have finished. The faces use it
 * to keep every training worker of the runner (LstmRunner.lanes) busy.
 */
export async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  task: (item: T) => Promise<void>,
  signal?: AbortSignal
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !signal?.aborted) {
      await task(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
}
