/**
 * Jest globalSetup for the end-to-end tests (runs in plain Node, before any test environment):
 * - the tests load dist/trendcast-forecast-panel/module.js and dist/trendcast-forecast-datasource/module.js
 *   exactly as Grafana would, so they must exist: built with `npm run build` when missing, or always when TRENDCAST_E2E_BUILD=1; a warning (no rebuild)
 *   when src/ has files newer than the build;
 * - the host page bundles, one per Grafana line the specs run on (grafanaLines.ts), are built here,
 *   because esbuild cannot load inside the specs' jsdom environment (which @grafana/data needs on
 *   import); server.ts then serves the cached builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { buildHostPageBundle } from '../support/hostPage/buildHostPage';
import { DATASOURCE_PLUGIN_ID, PLUGIN_ID } from '../support/hostPage/hostPageConfig';
import { pluginDistDir } from '../support/hostPage/server';
import { e2eLines, lineVersions } from '../support/hostPage/grafanaLines';

const ROOT = resolve(__dirname, '../..');
const MODULE = join(pluginDistDir(ROOT, PLUGIN_ID), 'module.js');
const DATASOURCE_MODULE = join(pluginDistDir(ROOT, DATASOURCE_PLUGIN_ID), 'module.js');

/** Newest modification time (ms) of the files under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensurePluginBuild(): void {
  const force = process.env.TRENDCAST_E2E_BUILD === '1';
  const modules = [MODULE, DATASOURCE_MODULE];
  const missing = modules.filter((m) => !existsSync(m));
  if (!force && missing.length === 0) {
    if (newestMtime(join(ROOT, 'src')) > Math.min(...modules.map((m) => statSync(m).mtimeMs))) {
      console.warn(
        '\n[e2e] src/ is newer than the build in dist/: testing the old build (TRENDCAST_E2E_BUILD=1 rebuilds)'
      );
    }
    return;
  }
  const why = force ? 'TRENDCAST_E2E_BUILD=1' : `${missing.map((m) => m.slice(ROOT.length + 1)).join(', ')} missing`;
  console.log(`\n[e2e] ${why}: running npm run build`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0 || !modules.every((m) => existsSync(m))) {
    throw new Error(
      `npm run build failed (exit ${result.status}); the e2e tests need both plugins' module.js in dist/`
    );
  }
}

export default async function globalSetup(): Promise<void> {
  ensurePluginBuild();
  for (const line of e2eLines()) {
    // Throws, naming the command to run, when the line's packages are not installed.
    const versions = lineVersions(ROOT, line);
    console.log(`[e2e] Grafana ${line} line: @grafana/* ${versions.grafana}, React ${versions.react}`);
    await buildHostPageBundle(ROOT, line);
  }
}
