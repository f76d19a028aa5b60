/**
 * Issue 4: the manifests through the linters platform teams run in CI, each paired with a negative control that
 * proves the same check fails on a known regression. kube-linter is not served by the Go module proxy here, so
 * checkov stands in for it (docs/cluster-tests.md).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { KubeObject } from '../support/kubectl';
import { withoutAcknowledgements } from './acknowledgements';
import { checkovFailures } from './checkov';
import { allowedConnections, netpolicyConnections } from './connectivity';
import { kubeLinterFindings } from './kube-linter';
import { kubeScoreCriticals } from './kube-score';
import { FIXTURE, loadObjects, ManifestSet, manifestFiles, ofKind, synthesizedExample } from './manifests';
import { allowAllEgress, nonCompliantDeployment } from './negative-control';

const EXAMPLE = synthesizedExample();
const SETS: readonly ManifestSet[] = [FIXTURE, EXAMPLE];
const STRIPPED_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-unacknowledged-'));

afterAll(() => [EXAMPLE.dir, STRIPPED_DIR].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Copies a set's files plus `extra` objects into a temporary directory, for the negative controls. */
function withExtraObjects(set: ManifestSet, extra: readonly KubeObject[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-lint-'));
  for (const file of manifestFiles(set)) {
    fs.copyFileSync(file, path.join(dir, path.basename(file)));
  }
  fs.writeFileSync(path.join(dir, 'zz-negative-control.yaml'), extra.map((o) => stringify(o)).join('---\n'));
  return dir;
}

describe.each(SETS)('$name through the linters', (set) => {
  const objects = loadObjects(set);
  const namespaces = ofKind(objects, 'Namespace').map((ns) => ns.metadata.name);
  const namespace = namespaces[0] ?? 'missing-namespace';
  const temporaryDirs: string[] = [];

  afterAll(() => {
    temporaryDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  });

  test('kube-score reports no CRITICAL', async () => {
    expect(await kubeScoreCriticals(manifestFiles(set))).toEqual([]);
  });

  test('kube-score negative control: a non-compliant Deployment is CRITICAL', async () => {
    const dir = withExtraObjects(set, [nonCompliantDeployment(namespace)]);
    temporaryDirs.push(dir);
    const criticals = await kubeScoreCriticals(fs.readdirSync(dir).map((file) => path.join(dir, file)));
    expect(criticals).toEqual(
      expect.arrayContaining([
        'Deployment/negative-control: container-resources',
        'Deployment/negative-control: container-security-context-readonlyrootfilesystem',
      ]),
    );
  });

  test('checkov (in place of kube-linter): no failed check', async () => {
    expect(await checkovFailures(set.dir)).toEqual([]);
  }, 120_000);

  test('checkov negative control: a non-compliant Deployment fails its checks', async () => {
    const dir = withExtraObjects(set, [nonCompliantDeployment(namespace)]);
    temporaryDirs.push(dir);
    const control = `Deployment.${namespace}.negative-control`;
    expect(await checkovFailures(dir)).toEqual(
      expect.arrayContaining([
        `${control}: CKV_K8S_20`, // allowPrivilegeEscalation not false
        `${control}: CKV_K8S_22`, // no read-only root filesystem
        `${control}: CKV_K8S_28`, // NET_RAW not dropped
      ]),
    );
  }, 120_000);

  test('np-guard NCA: NetworkPolicies allow exactly the declared edges plus DNS', async () => {
    expect(await allowedConnections(set.dir, namespaces)).toEqual(set.connections);
  });

  test('kube-linter v0.8.3 (default checks): no finding', async () => {
    expect(await kubeLinterFindings(set.dir)).toEqual([]);
  });

  test('kube-linter negative control: a non-compliant Deployment is reported', async () => {
    const dir = withExtraObjects(set, [nonCompliantDeployment(namespace)]);
    temporaryDirs.push(dir);
    expect(await kubeLinterFindings(dir)).toEqual(expect.arrayContaining(['Deployment/negative-control: no-read-only-root-fs', 'Deployment/negative-control: unset-cpu-requirements']));
  });

  test('np-guard netpol-analyzer agrees with NCA on every connection between workloads and from outside', async () => {
    expect(await netpolicyConnections(set.dir, namespaces)).toEqual(set.connections.filter((c) => !c.includes('kube-dns')));
  });

  test('np-guard NCA negative control: an allow-all egress policy shows up as extra connections', async () => {
    const deployment = ofKind(objects, 'Deployment')[0] ?? ofKind(objects, 'StatefulSet')[0];
    const labels: Record<string, string> = deployment?.spec.template.metadata.labels ?? {};
    const dir = withExtraObjects(set, [allowAllEgress(namespace, labels)]);
    temporaryDirs.push(dir);
    const connections = await allowedConnections(dir, namespaces);
    expect(connections).toEqual(expect.arrayContaining([`${deployment?.metadata.name} -> outside: all`]));
    expect(connections).not.toEqual(set.connections);
  });
});

/**
 * The example passes only through the per-object acknowledgements of lib/kube/lint-acknowledgements.ts: without
 * them, the linters report exactly the acknowledged findings. So every acknowledgement hides a real finding (none
 * is stale) and the annotations are what silences them (no global setting does).
 */
test('dist (example stack): without its acknowledgements, the linters report exactly the acknowledged findings', async () => {
  const stripped = withoutAcknowledgements(loadObjects(EXAMPLE));
  expect(stripped.kubeScore).toContain('StatefulSet/postgres: container-security-context-user-group-id');
  expect(stripped.checkov).toContain('Deployment.webstack.backend: CKV_K8S_35');
  const file = path.join(STRIPPED_DIR, 'webstack.k8s.yaml');
  // YAML 1.1, as the Go linters read it: 1.2 output leaves `yes` unquoted, which they would take for a boolean.
  fs.writeFileSync(file, stripped.objects.map((o) => stringify(o, { version: '1.1' })).join('---\n'));
  expect(await kubeScoreCriticals([file])).toEqual(stripped.kubeScore);
  expect(await checkovFailures(STRIPPED_DIR)).toEqual(stripped.checkov);
}, 120_000);
