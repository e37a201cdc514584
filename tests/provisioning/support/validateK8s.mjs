// Validates Kubernetes manifests against Kubernetes' OpenAPI schemas with kubernetes-models'
// per-kind validators. kubernetes-models ships ES modules only, so the jest test runs this in its
// own Node process: a JSON array of manifests on stdin, a JSON array of results on stdout
// ({ kind, name, ok, error }).
import { readFileSync } from 'node:fs';

const MODELS = {
  'v1/ConfigMap': () => import('kubernetes-models/v1/ConfigMap').then((m) => m.ConfigMap),
  'v1/Secret': () => import('kubernetes-models/v1/Secret').then((m) => m.Secret),
  'v1/PersistentVolumeClaim': () =>
    import('kubernetes-models/v1/PersistentVolumeClaim').then((m) => m.PersistentVolumeClaim),
  'batch/v1/CronJob': () => import('kubernetes-models/batch/v1/CronJob').then((m) => m.CronJob),
  'batch/v1/Job': () => import('kubernetes-models/batch/v1/Job').then((m) => m.Job),
};

const docs = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const doc of docs) {
  const name = doc?.metadata?.name ?? null;
  const load = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!load) {
    results.push({ kind: doc.kind, name, ok: false, error: `no validator for ${doc.apiVersion} ${doc.kind}` });
    continue;
  }
  const Model = await load();
  try {
    new Model(doc).validate();
    results.push({ kind: doc.kind, name, ok: true, error: null });
  } catch (e) {
    results.push({ kind: doc.kind, name, ok: false, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
