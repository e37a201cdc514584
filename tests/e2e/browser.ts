/**
 * Headless Chromium for the end-to-end tests (Debian's /usr/bin/chromium driven by playwright-core),
 * with a fresh profile per launch so no state leaks between runs.
 */
import { BrowserContext, Page, chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, sandbox-less headless run (containers often run as root). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** IANA zone the browser runs in (default 'UTC'), so 'browser' time zone renders reproducibly. */
  timezoneId?: string;
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** A new tab. */
  newPage(): Promise<Page>;
  /** Closes the browser and removes its profile dir. */
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with a fresh user-data-dir (mkdtemp, removed by close()).
 * Precondition: Chromium at $CHROMIUM or /usr/bin/chromium. Returns the context and a close().
 */
export async function launchChromium(opts: LaunchOptions = {}): Promise<LaunchedChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'trendcast-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      timezoneId: opts.timezoneId ?? 'UTC',
      locale: 'en-US',
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
