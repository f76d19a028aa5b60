/**
 * Issue 4: the manifests against a real kube-apiserver (with PodSecurity admission) and kube-controller-manager.
 * Each manifest set is applied the way users apply `dist/`; the negative control proves the same checks fail
 * on a pod template that violates "restricted".
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { Cluster } from '../support/cluster';
import { apply, POD_TIMEOUT_MS, restrictedNamespaces } from './apply';
import { FIXTURE, helmChartOfExample, loadObjects, ManifestSet, ofKind, synthesizedExample } from './manifests';
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

describe('the example as a Helm chart (cdk8s synth --format helm)', () => {
  const chart = helmChartOfExample();
  afterAll(() => fs.rmSync(path.dirname(chart), { recursive: true, force: true }));

  test('is a chart of the given version whose templates are the example manifests as written', () => {
    expect(fs.readFileSync(path.join(chart, 'Chart.yaml'), 'utf8')).toMatch(/^version: "?1\.2\.3"?$/m);
    const templates = fs.readdirSync(path.join(chart, 'templates'));
    expect(templates).toEqual(['webstack.k8s.yaml']);
    // No template actions: what Helm renders is the file itself, so the file is what the server must accept.
    const manifests = fs.readFileSync(path.join(chart, 'templates', 'webstack.k8s.yaml'), 'utf8');
    expect(manifests).not.toContain('{{');
    expect(manifests).toBe(fs.readFileSync(path.join(EXAMPLE.dir, 'webstack.k8s.yaml'), 'utf8'));
  });

  test('its templates pass a server-side dry-run with warnings as errors, restricted enforced', async () => {
    const templates = { dir: path.join(chart, 'templates') };
    expect((await apply(cluster.kubectl, ofKind(loadObjects(templates), 'Namespace'))).code).toBe(0);
    const result = await apply(cluster.kubectl, templates.dir, { dryRun: true });
    expect({ code: result.code, warnings: result.stderr }).toEqual({ code: 0, warnings: '' });
  });
});

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

/**
 * Issue 9: values that a YAML 1.1 reader, or Go's number parsing behind Kubernetes' YAML decoder, would take for
 * numbers or booleans reach the cluster as the strings Compose meant, decoded by kubectl and stored by the API
 * server exactly as written.
 */
describe('converter output decoded by kubectl and the API server', () => {
  const ODD = { OCTAL_GO: '0o17', BINARY_GO: '0b101', HEX: '0x1F', OCTAL: '017', UNDERSCORE: '1_000', EXPONENT: '1e3', YES: 'yes', ON: 'on', TILDE: '~', NULL_WORD: 'null', TIME: '12:30', DATE: '2024-01-01' };

  test('odd-looking strings stay strings, end to end', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-odd-values-'));
    try {
      const environment = Object.entries(ODD).map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`).join('\n');
      fs.writeFileSync(path.join(dir, 'compose.yaml'), `name: odd-values\nservices:\n  app:\n    image: ghcr.io/acme/app:1.0\n    user: "10001:10001"\n    expose: [8080]\n    environment:\n${environment}\n`);
      const stderr: string[] = [];
      const code = run(['convert', '-o', 'out'], { cwd: dir, env: {}, stdout: () => undefined, stderr: (t) => stderr.push(t) });
      expect({ code, stderr: code === 0 ? '' : stderr.join('\n') }).toEqual({ code: 0, stderr: '' });
      const out = path.join(dir, 'out');
      const namespaces = restrictedNamespaces(loadObjects({ dir: out }));
      expect((await apply(cluster.kubectl, namespaces)).code).toBe(0);
      const applied = await apply(cluster.kubectl, out);
      expect({ code: applied.code, warnings: applied.stderr }).toEqual({ code: 0, warnings: '' });
      const stored = JSON.parse(await cluster.kubectl.ok(['get', 'configmap', 'app-env', '--namespace=odd-values', '-o', 'json'])) as { data: Record<string, unknown> };
      expect(stored.data).toEqual(ODD);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
