/**
 * The deployment files checked without a cluster: every Kubernetes manifest in deploy/kubernetes
 * is valid against Kubernetes' own OpenAPI schemas (kubernetes-models' validators per kind), the
 * pieces reference each other by the right names, the ConfigMap's configuration passes
 * `trendcast run`'s own validation, and the Indexed Job's shards are its completion indexes.
 */
import { loadAll } from 'js-yaml';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { parseConfig } from '../../src/service/config';
import { parseRunArgs } from '../../src/service/command';

const ROOT = resolve(__dirname, '../..');
const DIR = join(ROOT, 'deploy/kubernetes');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
}

const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const manifests: Array<{ file: string; doc: Manifest }> = files.flatMap((file) =>
  (loadAll(readFileSync(join(DIR, file), 'utf8')) as Manifest[]).map((doc) => ({ file, doc }))
);
const byKind = (kind: string) => manifests.filter((m) => m.doc.kind === kind).map((m) => m.doc);

interface Validation {
  kind: string;
  name: string | null;
  ok: boolean;
  error: string | null;
}

/** Kubernetes' schemas on each manifest (kubernetes-models, in a Node process of its own: ES modules). */
function validateAll(docs: unknown[]): Validation[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'support/validateK8s.mjs')], {
    input: JSON.stringify(docs),
    encoding: 'utf8',
  });
  return JSON.parse(out) as Validation[];
}

interface PodSpec {
  containers: Array<{
    args: string[];
    env?: Array<{ name: string; valueFrom?: { fieldRef?: { fieldPath: string } } }>;
    envFrom?: Array<{ secretRef?: { name: string } }>;
    volumeMounts: Array<{ name: string; mountPath: string }>;
  }>;
  volumes: Array<{ name: string; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } }>;
}

const cronJob = byKind('CronJob')[0] as unknown as {
  spec: { schedule: string; jobTemplate: { spec: { template: { spec: PodSpec } } } };
};
const job = byKind('Job')[0] as unknown as {
  spec: { completionMode: string; completions: number; parallelism: number; template: { spec: PodSpec } };
};

describe('deploy/kubernetes', () => {
  it('has the ConfigMap, Secret, PVC, CronJob and Indexed Job, each valid against the Kubernetes schemas', () => {
    expect(manifests.map((m) => m.doc.kind).sort()).toEqual([
      'ConfigMap',
      'CronJob',
      'Job',
      'PersistentVolumeClaim',
      'Secret',
    ]);
    const results = validateAll(manifests.map((m) => m.doc));
    expect(results).toHaveLength(5);
    for (const r of results) {
      expect(r).toEqual({ kind: r.kind, name: r.name, ok: true, error: null });
    }
  });

  it('the validators do refuse broken manifests', () => {
    const broken = JSON.parse(JSON.stringify(byKind('CronJob')[0]));
    broken.spec.jobTemplate.spec.template.spec.containers[0].args = '--once';
    const noSchedule = JSON.parse(JSON.stringify(byKind('CronJob')[0]));
    delete noSchedule.spec.schedule;
    const badJob = JSON.parse(JSON.stringify(byKind('Job')[0]));
    badJob.spec.completions = 'four';
    const [args, schedule, completions] = validateAll([broken, noSchedule, badJob]);
    expect(args.ok).toBe(false);
    expect(args.error).toMatch(/args/);
    expect(schedule.ok).toBe(false);
    expect(schedule.error).toMatch(/schedule/);
    expect(completions.ok).toBe(false);
    expect(completions.error).toMatch(/completions/);
  });

  it('the ConfigMap holds a configuration `trendcast run` accepts, without credentials', () => {
    const cm = byKind('ConfigMap')[0] as unknown as { data: Record<string, string> };
    const config = parseConfig(cm.data['trendcast.yaml']);
    expect(config.jobs.length).toBeGreaterThan(0);
    expect(cm.data['trendcast.yaml']).not.toMatch(/password|token/i);
    const secret = byKind('Secret')[0] as unknown as { stringData: Record<string, string> };
    expect(Object.keys(secret.stringData).sort()).toEqual(['TRENDCAST_INFLUX_PASSWORD', 'TRENDCAST_INFLUX_USERNAME']);
  });

  const pods: Array<[string, () => PodSpec]> = [
    ['CronJob', () => cronJob.spec.jobTemplate.spec.template.spec],
    ['Indexed Job', () => job.spec.template.spec],
  ];
  it.each(pods)('the %s runs `trendcast run --once` with the config, the cache volume and the Secret', (_, pod) => {
    const spec = pod();
    const c = spec.containers[0];
    // The image's entry point is `trendcast run`: its args are run's options.
    const args = parseRunArgs(c.args.map((a) => a.replace('$(JOB_COMPLETION_INDEX)', '0')));
    expect(args).toMatchObject({
      config: '/etc/trendcast/trendcast.yaml',
      once: true,
      cacheDir: '/var/cache/trendcast',
    });
    const mount = (path: string) =>
      spec.volumes.find((v) => v.name === c.volumeMounts.find((m) => m.mountPath === path)?.name);
    expect(mount('/etc/trendcast')?.configMap?.name).toBe(byKind('ConfigMap')[0].metadata.name);
    expect(mount('/var/cache/trendcast')?.persistentVolumeClaim?.claimName).toBe(
      byKind('PersistentVolumeClaim')[0].metadata.name
    );
    expect(c.envFrom?.[0].secretRef?.name).toBe(byKind('Secret')[0].metadata.name);
  });

  it('the CronJob runs hourly; the Indexed Job gives pod i the shard i/N with N its completions', () => {
    expect(cronJob.spec.schedule).toMatch(/^\d+ \* \* \* \*$/);
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.parallelism).toBe(job.spec.completions);
    const c = job.spec.template.spec.containers[0];
    const shardArg = c.args[c.args.indexOf('--shard') + 1];
    expect(shardArg).toBe(`$(JOB_COMPLETION_INDEX)/${job.spec.completions}`);
    expect(c.env?.find((e) => e.name === 'JOB_COMPLETION_INDEX')?.valueFrom?.fieldRef?.fieldPath).toBe(
      "metadata.annotations['batch.kubernetes.io/job-completion-index']"
    );
    for (let i = 0; i < job.spec.completions; i++) {
      expect(
        parseRunArgs(['--config', 'x', '--shard', shardArg.replace('$(JOB_COMPLETION_INDEX)', String(i))]).shard
      ).toEqual({
        index: i,
        count: job.spec.completions,
      });
    }
  });
});

describe('deploy/Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8');
  it('builds on node:20-slim from the bundled CLI and runs `trendcast run`', () => {
    expect(text).toMatch(/^FROM node:20-slim$/m);
    expect(text).toMatch(/^COPY dist-cli\/ /m);
    expect(text).toMatch(/^COPY bin\/ /m);
    // The LSTM's wasm files beside the bundle, where tfjs looks for them without node_modules.
    expect(text).toMatch(/^COPY node_modules\/@tensorflow\/tfjs-backend-wasm\/dist\/\*\.wasm \.\/dist-cli\/$/m);
    expect(text).toMatch(/^ENTRYPOINT \["node", "\/app\/bin\/trendcast.js", "run"\]$/m);
    expect(text).toMatch(/^USER node$/m);
  });
});
