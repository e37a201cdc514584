/**
 * Whether the LSTM moves a crossing date (`npm run bench:dates-lstm`): the volumes of the hosts
 * suite (crossingDates/hostVolumes.ts) that `auto` finds seasonal go through the forecast entry
 * with an LSTM runner, as the panel, the CLI and the service run them, and their crossings are
 * compared with the fitted `auto`'s, the ones `npm run bench:dates` scores. They must be the same:
 * both are dated on the capacity trend. Prints the counts and every volume whose dates differ.
 *
 * Options: --volumes 240 --seed 11 --horizon 60d
 */
import { isDeepStrictEqual } from 'node:util';

import { validForecastOptions } from '../src/models/forecastOptions';
import { forecastFitted } from '../src/models/forecastSeries';
import { forecastSeries } from '../src/runtime/forecastSeries';
import { createInProcessLstmRunner } from '../src/runtime/inProcessLstmRunner';
import { hostVolumes } from './crossingDates/hostVolumes';
import { benchOption } from './support/args';

const out = (s: string) => process.stdout.write(s + '\n');

async function main(argv: string[]): Promise<void> {
  const volumes = Number(benchOption(argv, 'volumes', '240'));
  const seed = Number(benchOption(argv, 'seed', '11'));
  const options = validForecastOptions({
    model: 'auto',
    horizon: benchOption(argv, 'horizon', '60d'),
    thresholds: [90, 100],
  });
  const runner = createInProcessLstmRunner(null);
  let seasonal = 0;
  let trained = 0;
  let same = 0;
  for (const v of hostVolumes(volumes, seed)) {
    const raw = { name: v.name, labels: {}, times: v.times, values: v.values };
    const fitted = forecastFitted(raw, options);
    if (fitted.model !== 'seasonal') {
      continue;
    }
    seasonal++;
    const outcome = await forecastSeries(raw, options, {
      lstm: { runner: async () => runner, dashboardUid: 'bench', panelId: 'bench' },
    });
    trained += outcome.result.model === 'lstm' ? 1 : 0;
    if (isDeepStrictEqual(outcome.result.crossings, fitted.crossings)) {
      same++;
    } else {
      out(
        `differs: ${v.name}: ${JSON.stringify(outcome.result.crossings)} against ${JSON.stringify(fitted.crossings)}`
      );
    }
  }
  out(
    `hosts suite, ${volumes} volumes, seed ${seed}: auto found ${seasonal} seasonal, the LSTM forecast ${trained} of them; ` +
      `crossings (90 and 100) the same as the fitted auto's on ${same} of ${seasonal}.`
  );
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
