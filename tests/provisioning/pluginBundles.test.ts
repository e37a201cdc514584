/**
 * The built plugins as Grafana 12.4 (React 18) and 13 (React 19) both load them: React, and the JSX
 * runtime the automatic transform imports (`react/jsx-runtime`), come from Grafana, never from the
 * bundle. A bundled React 18 jsx-runtime reads React 18 internals (`ReactCurrentOwner`) from the
 * shared React and fails to load in Grafana 13. Checked on the webpack externals and, when a build
 * is there (`npm run test:all` builds before jest), on every JavaScript file of both plugin folders.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { externals } from '../../.config/webpack/externals';

const ROOT = resolve(__dirname, '../..');
const PLUGIN_IDS = ['trendcast-forecast-panel', 'trendcast-forecast-datasource'];
const pluginDir = (id: string) => join(ROOT, 'dist', id);
const built = PLUGIN_IDS.every((id) => existsSync(join(pluginDir(id), 'module.js')));

/**
 * Names only React's own builds contain: React 18's internals object and its owner field (read by
 * react/jsx-runtime 18), and React 19's internals object.
 */
const REACT_INTERNALS = [
  'ReactCurrentOwner',
  '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED',
  '__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE',
];

/** The React internals named in `code`. */
function reactInternalsIn(code: string): string[] {
  return REACT_INTERNALS.filter((name) => code.includes(name));
}

/** The dependencies of an AMD module (`define(["a","b"], …)`), as webpack's `library.type: 'amd'` writes them. */
function amdDependencies(code: string): string[] {
  const m = /^define\((\[[^\]]*\])/.exec(code);
  if (!m) {
    throw new Error('not an AMD module: no define([...]) at the start');
  }
  return JSON.parse(m[1]) as string[];
}

const externalItems: unknown[] = Array.isArray(externals) ? externals : [];
/** What a built module may name as an AMD dependency: the external names, and `{ request: name }` entries' names. */
const externalNames = externalItems.flatMap((e) =>
  typeof e === 'string'
    ? [e]
    : e !== null && typeof e === 'object' && !(e instanceof RegExp)
      ? Object.values(e).filter((v): v is string => typeof v === 'string')
      : []
);
const externalPatterns = externalItems.filter((e): e is RegExp => e instanceof RegExp);

describe('webpack externals', () => {
  it('leave React, React DOM and both JSX runtimes to Grafana', () => {
    expect(externalNames).toEqual(
      expect.arrayContaining(['react', 'react-dom', 'react/jsx-runtime', 'react/jsx-dev-runtime'])
    );
  });
});

describe('the detectors', () => {
  it('find React 18 internals as react/jsx-runtime 18 reads them, and nothing in plain code', () => {
    expect(reactInternalsIn('var o=r.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED.ReactCurrentOwner;')).toEqual([
      'ReactCurrentOwner',
      '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED',
    ]);
    expect(reactInternalsIn('const owner = current; (0, jsx)("div", {})')).toEqual([]);
  });

  it('read the dependencies of an AMD module', () => {
    expect(amdDependencies('define(["react","react/jsx-runtime"],(e,t)=>{})')).toEqual(['react', 'react/jsx-runtime']);
    expect(() => amdDependencies('(()=>{})()')).toThrow('not an AMD module');
  });
});

(built ? describe : describe.skip)('the built plugins in dist/', () => {
  it.each(PLUGIN_IDS)('%s: no JavaScript file carries React internals', (id) => {
    const files = readdirSync(pluginDir(id)).filter((f) => f.endsWith('.js'));
    // module.js and its lazy chunks (the LSTM client, its worker, tfjs).
    expect(files.length).toBeGreaterThan(1);
    const found = files.flatMap((f) =>
      reactInternalsIn(readFileSync(join(pluginDir(id), f), 'utf8')).map((name) => `${f}: ${name}`)
    );
    expect(found).toEqual([]);
  });

  it.each(PLUGIN_IDS)(
    '%s: module.js takes react and react/jsx-runtime from Grafana, and nothing Grafana does not share',
    (id) => {
      const deps = amdDependencies(readFileSync(join(pluginDir(id), 'module.js'), 'utf8'));
      expect(deps).toEqual(expect.arrayContaining(['react', 'react/jsx-runtime']));
      const unshared = deps.filter((d) => !externalNames.includes(d) && !externalPatterns.some((p) => p.test(d)));
      expect(unshared).toEqual([]);
    }
  );
});
