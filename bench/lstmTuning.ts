/**
 * LSTM tuning (`npm run bench:lstm-tune -- N 'CONFIGS' m4,nab [--data DIR]`): per-series MASE /
 * sMAPE of LSTM configurations against seasonal naive (m = 24) on N evenly spaced M4 Hourly series
 * and the NAB files, last 48 points held out, then the means. CONFIGS is a JSON array of partial
 * TrainingConfig objects (an LstmConfig, or an experiment's choices), e.g.
 * '[{},{"transform":"none","seasonalCycles":0}]'. How the defaults in lstmConfig.ts were chosen
 * (docs/benchmarks.md, "LSTM"). Skips with a message when the data is absent.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fitLstm, loadTf, TrainingConfig } from '../src/models/lstm';
import { m4Scores, readM4, seasonalNaiveForecast } from './m4Series';
import { readNabHourly } from './nabSeries';
import { benchOption } from './support/args';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const H = 48;
const M = 24;
async function main() {
  const argv = process.argv.slice(2);
  const dataDir = benchOption(argv, 'data', '../shared/data');
  const m4Path = join(dataDir, 'm4-hourly', 'Hourly-train.csv');
  const nabDir = join(dataDir, 'nab');
  if (!existsSync(m4Path) || !existsSync(nabDir)) {
    process.stdout.write(`LSTM tuning skipped: ${m4Path} or ${nabDir} not found (pass --data DIR).\n`);
    return;
  }
  const limit = Number(argv[0] ?? 24);
  const configs: Array<Partial<TrainingConfig>> = JSON.parse(argv[1] ?? '[{}]');
  const which = argv[2] ?? 'm4,nab';
  await loadTf({ backend: 'wasm' });
  const series: Array<{ id: string; values: number[] }> = [];
  if (which.includes('m4')) {
    const all = readM4(m4Path);
    for (let i = 0; i < limit; i++) {
      series.push(all[Math.floor((i * all.length) / limit)]);
    }
  }
  if (which.includes('nab')) {
    const dir = nabDir;
    for (const f of readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const s = readNabHourly(join(dir, f), f.replace(/\.csv$/, ''));
      if (s && s.values.length > H + M) {
        series.push({ id: s.id, values: s.values });
      }
    }
  }
  const res: Record<string, { sm: number[]; ma: number[]; t: number[] }> = {};
  const naive = { sm: [] as number[], ma: [] as number[] };
  for (const row of series) {
    const train = row.values.slice(0, -H);
    const actual = row.values.slice(-H);
    const nf = seasonalNaiveForecast(train, H, M);
    const naiveScore = m4Scores(train, actual, nf, M);
    naive.sm.push(naiveScore.smape);
    naive.ma.push(naiveScore.mase);
    const line = [row.id.padEnd(36), `naive ${naive.ma.at(-1)!.toFixed(2)}/${naive.sm.at(-1)!.toFixed(1)}`];
    for (const [ci, cfg] of configs.entries()) {
      const t0 = performance.now();
      const fit = await fitLstm({ start: T0, step: HOUR, values: Float64Array.from(train) }, { config: cfg });
      const t = (performance.now() - t0) / 1000;
      const p: ArrayLike<number> = 'code' in fit ? nf : fit.model.predict(H, 0.95).point;
      const r = (res[ci] ??= { sm: [], ma: [], t: [] });
      const score = m4Scores(train, actual, p, M);
      r.sm.push(score.smape);
      r.ma.push(score.mase);
      r.t.push(t);
      line.push(`c${ci} ${r.ma.at(-1)!.toFixed(2)}/${r.sm.at(-1)!.toFixed(1)}`);
    }
    process.stdout.write(line.join('  ') + '\n');
  }
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  const split = (x: number[]) => {
    const m4n = which.includes('m4') ? limit : 0;
    return `M4 ${mean(x.slice(0, m4n)).toFixed(3)}  NAB ${mean(x.slice(m4n)).toFixed(3)}`;
  };
  process.stdout.write(`naive  MASE ${split(naive.ma)}  sMAPE ${split(naive.sm)}\n`);
  for (const [ci, cfg] of configs.entries()) {
    const r = res[ci];
    process.stdout.write(
      `c${ci} ${JSON.stringify(cfg)} MASE ${split(r.ma)}  sMAPE ${split(r.sm)}  s ${mean(r.t).toFixed(2)}\n`
    );
  }
}
main();
