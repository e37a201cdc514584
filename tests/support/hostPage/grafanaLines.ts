/**
 * The Grafana release lines the host page is built against, each with its own copies of the packages
 * Grafana shares with plugins (react, react-dom, @grafana/*, @emotion/*, …), so the same built plugin
 * (dist/) is loaded on each line as that Grafana would load it:
 * - `12.4`: the repository's own node_modules (@grafana/* 12.4, React 18), what the plugin is built against;
 * - `13`: tests/support/grafana13/node_modules (@grafana/* 13.2, React 19), a separate npm project
 *   with its own package-lock.json, installed by scripts/ensure-deps.sh (npm cannot hold two
 *   versions of react at the top level of one project).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type GrafanaLine = '12.4' | '13';

/** Every line the end-to-end tests run on, oldest first. */
export const GRAFANA_LINES: readonly GrafanaLine[] = ['12.4', '13'];

/** The line a caller gets when it names none (the one the plugin is built against). */
export const DEFAULT_GRAFANA_LINE: GrafanaLine = '12.4';

/** Folder (relative to the repository root) of each line's npm project: its node_modules is used. */
const PROJECT_DIRS: Record<GrafanaLine, string> = {
  '12.4': '.',
  '13': 'tests/support/grafana13',
};

/** The npm project folder of `line` under `root`. */
export function lineProjectDir(root: string, line: GrafanaLine): string {
  return join(root, PROJECT_DIRS[line]);
}

/** The node_modules folder of `line` under `root`. */
export function lineNodeModules(root: string, line: GrafanaLine): string {
  return join(lineProjectDir(root, line), 'node_modules');
}

/** Files whose change means the line's packages changed (its lock file). */
export function lineLockFile(root: string, line: GrafanaLine): string {
  return join(lineProjectDir(root, line), 'package-lock.json');
}

/** Parses a line name (e.g. from an environment variable); throws on anything else. */
export function parseGrafanaLine(text: string): GrafanaLine {
  const line = GRAFANA_LINES.find((l) => l === text);
  if (!line) {
    throw new Error(`unknown Grafana line ${JSON.stringify(text)}: expected one of ${GRAFANA_LINES.join(', ')}`);
  }
  return line;
}

/**
 * The installed versions of the line's @grafana/data and react, e.g. { grafana: '13.2.2', react: '19.2.9' }.
 * Throws with the command to run when the line's packages are not installed.
 */
export function lineVersions(root: string, line: GrafanaLine): { grafana: string; react: string } {
  const modules = lineNodeModules(root, line);
  const read = (pkg: string): string => {
    const file = join(modules, pkg, 'package.json');
    if (!existsSync(file)) {
      throw new Error(
        `Grafana ${line} line: ${pkg} is not installed in ${modules}; run \`bash scripts/ensure-deps.sh\``
      );
    }
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  };
  return { grafana: read('@grafana/data'), react: read('react') };
}

/**
 * The lines the end-to-end tests run on: all of GRAFANA_LINES, or those listed (comma-separated) in
 * TRENDCAST_E2E_LINES, e.g. `TRENDCAST_E2E_LINES=13 npm run e2e` while working on one line.
 */
export function e2eLines(env: string | undefined = process.env.TRENDCAST_E2E_LINES): GrafanaLine[] {
  if (env === undefined || env.trim() === '') {
    return [...GRAFANA_LINES];
  }
  return env.split(',').map((s) => parseGrafanaLine(s.trim()));
}
