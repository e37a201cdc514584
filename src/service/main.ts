/**
 * The process side of `trendcast run`: the environment, stop signals, the exit status. Called by
 * the CLI's entry point (src/cli/main.ts) with the whole argv (`run …`).
 */
import { runServiceCommand } from './command';

export interface MainIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export function runServiceMain(argv: string[], io: MainIo): Promise<number> {
  const stopSignal = new Promise<void>((resolve) => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => resolve());
    }
  });
  return runServiceCommand(argv.slice(1), { ...io, env: process.env, stopSignal }).catch((e: unknown) => {
    io.stderr(`trendcast run: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  });
}
