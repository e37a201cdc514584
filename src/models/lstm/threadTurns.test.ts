import { yieldToEventLoop, yieldWhenDue } from './threadTurns';

describe('turns of a training thread', () => {
  afterEach(() => jest.restoreAllMocks());

  /** Whether a macrotask queued before `step` ran before `step` came back. */
  async function otherWorkRan(step: () => Promise<void>): Promise<boolean> {
    let ran = false;
    setImmediate(() => (ran = true));
    await step();
    return ran;
  }

  test('yieldWhenDue gives the event loop a turn only after 30 ms of work since the last turn', async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    await yieldToEventLoop(); // the clock restarts when the thread comes back
    now += 10;
    expect(await otherWorkRan(yieldWhenDue)).toBe(false);
    now += 25; // 35 ms since the last turn
    expect(await otherWorkRan(yieldWhenDue)).toBe(true);
    now += 29; // a fresh budget after that turn
    expect(await otherWorkRan(yieldWhenDue)).toBe(false);
  });

  test('the clock is shared: a second caller does not start with a fresh budget', async () => {
    let now = 2_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    await yieldToEventLoop();
    now += 20;
    await yieldWhenDue(); // one training's check: not due
    now += 20; // another training starting now has used the thread's 40 ms too
    expect(await otherWorkRan(yieldWhenDue)).toBe(true);
  });

  test('yieldToEventLoop always lets queued macrotasks run first', async () => {
    expect(await otherWorkRan(yieldToEventLoop)).toBe(true);
  });
});
