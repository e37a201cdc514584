import { inLanes } from './inLanes';

describe('inLanes', () => {
  it('runs at most `lanes` tasks at once, starting them in order', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await inLanes([1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, i === 1 ? 20 : 5));
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('starts nothing more once the signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await inLanes(
      [1, 2, 3, 4],
      1,
      async (i) => {
        started.push(i);
        if (i === 2) {
          controller.abort();
        }
      },
      controller.signal
    );
    expect(started).toEqual([1, 2]);
  });
});
