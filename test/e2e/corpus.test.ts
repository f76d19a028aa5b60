/**
 * Issue 4: every corpus case, converted as published plus the flags the converter suggests
 * (test/support/corpus-flags.ts: --image pins, and leaving out what restricted cannot run), goes through the same proof as dist/: namespaces for real, server-side dry-run with
 * warnings as errors, real apply, pods created with no FailedCreate. A case the converter still refused would be
 * listed with its error codes (the converter's own tests judge refusals) but not tested here, so the test count is
 * the number of cases actually proven. The pass rate is printed and kept in
 * `<tmp>/cdk8s-webstack-e2e/corpus/pass-rate.md`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Cluster } from '../support/cluster';
import { CorpusCase, describeCorpus } from '../support/corpus';
import { describeRun } from '../support/tools';
import { apply, POD_TIMEOUT_MS, restrictedNamespaces } from './apply';
import { Conversion, convertCase, namespaceFor } from './corpus-conversion';
import { loadObjects } from './manifests';
import { netpolicyConnections } from './connectivity';
import { withoutAcknowledgements } from './acknowledgements';
import { kubeLinterFindings } from './kube-linter';
import * as os from 'os';
import { stringify } from 'yaml';
import { loadCompose } from '../../lib/compose';
import type { ComposeProject } from '../../lib/compose/model';
import { caseOptions } from '../support/corpus-flags';
import { serviceReferences } from '../support/references';
import { waitForPods } from './workloads';

interface Converted {
  readonly c: CorpusCase;
  readonly conversion: Conversion;
}

/** The pass-rate table: one row per case, converted or not. */
function report(converted: readonly Converted[], results: ReadonlyMap<string, string>): string {
  const accepted = converted.filter(({ conversion }) => conversion.exitCode === 0);
  const passed = accepted.filter(({ c }) => results.get(c.id) === 'pass');
  const rows = converted.map(({ c, conversion }) => {
    const pins = Object.keys(conversion.flags.images).length;
    const how = conversion.exitCode === 0 ? 'converted' : `refused: ${conversion.errorCodes.join(' ')}`;
    const leftOut = Object.keys(conversion.flags.leftOut).join(', ');
    return `| ${c.id} | ${how}${pins ? ` (${pins} --image)` : ''} | ${leftOut || '-'} | ${results.get(c.id) ?? '-'} |`;
  });
  return [
    `converted ${accepted.length}/${converted.length}; passed dry-run, apply and pods ${passed.length}/${accepted.length}`,
    '',
    '| case | webstack convert | services left out | dry-run, apply, pods |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

describeCorpus('corpus conversions on a real API server', (cases) => {
  // Converting takes milliseconds per case, so it happens while tests are collected: only accepted cases become tests.
  const converted: Converted[] = cases.map((c) => ({ c, conversion: convertCase(c, namespaceFor(c.id)) }));
  const accepted = converted.filter(({ conversion }) => conversion.exitCode === 0);
  const results = new Map<string, string>();
  let cluster: Cluster | undefined;

  afterAll(async () => {
    converted.forEach(({ conversion }) => fs.rmSync(conversion.dir, { recursive: true, force: true }));
    const text = report(converted, results);
    console.log(`corpus conversions on a real API server: ${text}`);
    await cluster?.stop();
    if (cluster) fs.writeFileSync(path.join(cluster.logs, 'pass-rate.md'), `${text}\n`);
  }, 60_000);

  test('the converter never fails internally (exit 2) on a corpus case', () => {
    expect(converted.filter(({ conversion }) => conversion.exitCode === 2).map(({ c }) => c.id)).toEqual([]);
  });

  if (accepted.length === 0) {
    test.skip('no corpus case converts yet, so none reaches the API server', () => undefined);
    return;
  }

  beforeAll(async () => {
    cluster = await Cluster.start({ name: 'corpus' });
  }, 180_000);

  test.each(accepted)('$c.id: dry-run, apply and pods under restricted', async ({ c, conversion }) => {
    const kubectl = (cluster as Cluster).kubectl;
    // Records the first failed step in the report, then fails the test showing that step's evidence.
    const step = (name: string, ok: boolean, evidence: unknown): void => {
      if (!ok) results.set(c.id, `failed: ${name}`);
      expect({ step: name, ok, evidence: ok ? undefined : evidence }).toEqual({ step: name, ok: true, evidence: undefined });
    };
    const namespaces = restrictedNamespaces(loadObjects(conversion));
    step('restricted namespace', namespaces.length > 0, 'no Namespace enforcing restricted in the output');
    const created = await apply(kubectl, namespaces);
    step('namespaces', created.code === 0, describeRun(created));
    const dryRun = await apply(kubectl, conversion.dir, { dryRun: true });
    step('dry-run', dryRun.code === 0 && dryRun.stderr === '', describeRun(dryRun));
    const applied = await apply(kubectl, conversion.dir);
    step('apply', applied.code === 0 && applied.stderr === '', describeRun(applied));
    const pods = await waitForPods(kubectl, namespaces.map((ns) => ns.metadata.name), POD_TIMEOUT_MS);
    step('pods', pods.failedCreate.length === 0 && pods.workloads.every((w) => w.created >= w.expected), pods);
    // Every connection the app makes (the tests' own reading of the Compose files) is one netpol-analyzer allows.
    const objects = loadObjects(conversion);
    const withService = new Set(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name));
    const built = new Set(objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind)).map((o) => o.metadata.name));
    const allowed = await netpolicyConnections(conversion.dir, namespaces.map((ns) => ns.metadata.name));
    const project = loadCompose({ ...caseOptions(c), services: [...conversion.flags.services] }).project;
    const blocked = serviceReferences(project as ComposeProject)
      .filter((r) => built.has(r.from) && withService.has(r.to) && !allowed.some((a) => a.startsWith(`${r.from} -> ${r.to}:`)))
      .map((r) => `${r.from} -> ${r.to}`);
    step('every service reference allowed (netpol-analyzer)', blocked.length === 0, blocked);
    // kube-linter's default checks: nothing but what the acknowledgement table accepts, each per object.
    const findings = await kubeLinterFindings(conversion.dir);
    step('kube-linter: no finding', findings.length === 0, findings);
    const stripped = withoutAcknowledgements(objects);
    const strippedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-corpus-unacknowledged-'));
    fs.writeFileSync(path.join(strippedDir, 'stack.k8s.yaml'), stripped.objects.map((o) => stringify(o, { version: '1.1' })).join('---\n'));
    const unacknowledged = await kubeLinterFindings(strippedDir);
    fs.rmSync(strippedDir, { recursive: true, force: true });
    step('kube-linter without the acknowledgements: exactly the acknowledged findings', JSON.stringify(unacknowledged) === JSON.stringify(stripped.kubeLinter), { unacknowledged, acknowledged: stripped.kubeLinter });
    results.set(c.id, 'pass');
  }, POD_TIMEOUT_MS + 60_000);
});
