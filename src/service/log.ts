/**
 * The service's log: one logfmt line per event on stderr (`ts=… level=… event=… key=value …`),
 * so log shippers and `grep event=retry` both read it. Values with spaces, quotes or `=` are quoted.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

function valueText(v: LogValue): string {
  if (v === null || v === undefined) {
    return '';
  }
  const s = typeof v === 'number' && !Number.isInteger(v) ? String(Math.round(v * 1000) / 1000) : String(v);
  return /^[^\s"=\\]+$/.test(s) ? s : JSON.stringify(s);
}

export function logfmt(level: LogLevel, event: string, fields: LogFields, now: Date): string {
  const parts = [`ts=${now.toISOString()}`, `level=${level}`, `event=${valueText(event)}`];
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) {
      parts.push(`${k}=${valueText(v)}`);
    }
  }
  return parts.join(' ');
}

/** A logger writing logfmt lines to `write` (stderr in the command). */
export function logfmtLogger(write: (line: string) => void, clock: () => number = Date.now): Logger {
  return {
    log(level, event, fields = {}) {
      write(logfmt(level, event, fields, new Date(clock())) + '\n');
    },
  };
}
