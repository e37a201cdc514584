/**
 * The window properties the host page sets or reads. Declared globally so that both the page code and
 * the Playwright specs (`page.evaluate(() => window.__TRENDCAST_READY__)`) type-check.
 */
import type { FrameJSON, HostPageConfig } from './hostPageConfig';

declare global {
  /**
   * The Grafana line the page bundle was built for ('12.4', '13'; see grafanaLines.ts), replaced by
   * esbuild at build time: where @grafana/* APIs differ between lines the page takes the line's way.
   */
  const __TRENDCAST_GRAFANA_LINE__: string;

  interface Window {
    /** true once every panel has rendered the first time. */
    __TRENDCAST_READY__?: boolean;
    /** React's version as the page runs it (the Grafana line's react, shared with the plugin). */
    __TRENDCAST_REACT_VERSION__?: string;
    /** Load failures, uncaught errors and panel crashes, as messages. */
    __TRENDCAST_ERRORS__?: string[];
    /** Set before the page loads (Playwright addInitScript) to render one panel from these frames. */
    __TRENDCAST_FRAMES__?: FrameJSON[];
    /** Set before the page loads to skip fetching the config. */
    __TRENDCAST_CONFIG__?: HostPageConfig;
    /** The current options of each panel, by panel index. */
    __TRENDCAST_OPTIONS__?: Array<Record<string, unknown>>;
    /** Merges new options into panel i, as an option editor would (calls the host's onOptionsChange path). */
    __TRENDCAST_SET_OPTIONS__?: Array<(patch: Record<string, unknown>) => void>;
    /** Each panel's time range after the panel called onChangeTimeRange (drag to zoom), by panel index. */
    __TRENDCAST_TIME_RANGES__?: Array<{ from: number; to: number }>;
    /** Dashboard mode: each panel's frames (after transformations) and query errors, by panel id. */
    __TRENDCAST_DASHBOARD_DATA__?: Record<
      number,
      { frames: Array<{ name: string; fields: Array<{ name: string; values: unknown[] }> }>; errors: string[] }
    >;
    /** Read by @grafana/runtime's config at import time; set inline in the host HTML. */
    grafanaBootData?: unknown;
    /** Where Grafana serves public/ from; @grafana/ui's <Icon> loads its SVGs below it. */
    __grafana_public_path__?: string;
  }
}

export {};
