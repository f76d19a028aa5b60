/**
 * Issue 4: the manifests against a real kube-apiserver (with PodSecurity admission) and kube-controller-manager.
 * Each manifest set is applied the way users apply `dist/`; the negative control proves the same checks fail
 * on a pod template that violates "restricted".
 */
import * as fs from 'fs';
import { Cluster } from '../support/cluster';
import { apply, POD_TIMEOUT_MS, restrictedNamespaces } from './apply';
import { FIXTURE, loadObjects, ManifestSet, ofKind, synthesizedExample } from './manifests';
import { asPod, nonCompliantDeployment } from './negative-control';
import { waitForPods } from './workloads';

const EXAMPLE = synthesizedExample();
const SETS: readonly ManifestSet[] = [FIXTURE, EXAMPLE];

afterAll(() => fs.rmSync(EXAMPLE.dir, { recursive: true, force: true }));

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start({ name: 'apiserver' });
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

describe.each(SETS)('$name on a real API server', (set) => {
  const objects = loadObjects(set);
  const namespaces = ofKind(objects, 'Namespace');
  const restricted = restrictedNamespaces(objects);

  test('declares its namespaces with Pod Security "restricted" enforced', () => {
    expect(namespaces.length).toBeGreaterThan(0);
    expect(restricted.map((ns) => ns.metadata.name)).toEqual(namespaces.map((ns) => ns.metadata.name));
  });

  test('server-side dry-run with strict validation passes with warnings as errors', async () => {
    // The namespaces go in for real first, so their PSA warn labels are in force when the workloads are judged.
    expect((await apply(cluster.kubectl, namespaces)).code).toBe(0);
    const result = await apply(cluster.kubectl, set.dir, { dryRun: true });
    expect({ code: result.code, warnings: result.stderr }).toEqual({ code: 0, warnings: '' });
  });

  test('real apply: every Deployment and StatefulSet gets its pods, and nothing reports FailedCreate', async () => {
    const applied = await apply(cluster.kubectl, set.dir);
    expect({ code: applied.code, warnings: applied.stderr }).toEqual({ code: 0, warnings: '' });
    const report = await waitForPods(cluster.kubectl, restricted.map((ns) => ns.metadata.name), POD_TIMEOUT_MS);
    expect(report.workloads.length).toBe(ofKind(objects, 'Deployment').length + ofKind(objects, 'StatefulSet').length);
    expect(report.failedCreate).toEqual([]);
    expect(report.workloads.filter((w) => w.created < w.expected)).toEqual([]);
  }, POD_TIMEOUT_MS + 30_000);

  describe('negative control: a pod template that violates restricted', () => {
    const namespace = restricted[0]?.metadata.name ?? 'missing-namespace';
    const deployment = nonCompliantDeployment(namespace);

    afterAll(async () => {
      await cluster.kubectl.run(['delete', 'deployment', 'negative-control', `--namespace=${namespace}`, '--ignore-not-found']);
    });

    test('fails the dry-run that passes the stack', async () => {
      const result = await apply(cluster.kubectl, [deployment], { dryRun: true });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('would violate PodSecurity "restricted:v1.28"');
    });

    test('with a misspelt field is rejected by the schema check', async () => {
      const misspelt = { ...deployment, spec: { ...deployment.spec, replica: 2 } };
      const result = await apply(cluster.kubectl, [misspelt], { dryRun: true, warningsAsErrors: false });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('.spec.replica: field not declared in schema');
    });

    test('is rejected as a bare Pod (403 from PodSecurity enforce)', async () => {
      const result = await apply(cluster.kubectl, [asPod(deployment)], { dryRun: true, warningsAsErrors: false });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Forbidden.*violates PodSecurity "restricted:v1\.28"/);
    });

    test('as a Deployment gets no pods and a FailedCreate event, which the real-apply check reports', async () => {
      expect((await apply(cluster.kubectl, [deployment], { warningsAsErrors: false })).code).toBe(0);
      const report = await waitForPods(cluster.kubectl, [namespace], POD_TIMEOUT_MS);
      const control = report.workloads.find((w) => w.workload === `Deployment/${namespace}/negative-control`);
      expect(control).toEqual({ workload: `Deployment/${namespace}/negative-control`, expected: 1, created: 0 });
      expect(report.failedCreate.join('\n')).toMatch(/^ReplicaSet\/.*negative-control-.*violates PodSecurity "restricted:v1\.28"/m);
    }, POD_TIMEOUT_MS + 30_000);
  });
});
