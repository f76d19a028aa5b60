import { ApiObject, Chart, Testing } from 'cdk8s';
import { acknowledgeCheck } from '../../lib/policy/acknowledge';
import { checkManifest } from '../../lib/policy/manifest';
import { findPolicyViolations, PodPolicyValidation } from '../../lib/policy/synth-check';
import { compliantTemplate, mutable } from './fixtures';

/** A template whose only container serves no port and has no probes: only `probe-missing` (liveness) fails. */
function probelessTemplate(): any {
  const template = mutable(compliantTemplate());
  delete template.spec.containers[0].ports;
  delete template.spec.containers[0].livenessProbe;
  delete template.spec.containers[0].readinessProbe;
  return template;
}

const codesAndPaths = (manifest: object): string[] => checkManifest(manifest).map((v) => `${v.code} ${v.path}`);

describe('pod templates by kind', () => {
  test.each([
    ['Deployment', { spec: { template: probelessTemplate() } }, ['probe-missing spec.template.spec.containers[0].livenessProbe']],
    ['StatefulSet', { spec: { template: probelessTemplate() } }, ['probe-missing spec.template.spec.containers[0].livenessProbe']],
    ['Pod', probelessTemplate(), ['probe-missing spec.containers[0].livenessProbe']],
    ['Job', { spec: { template: probelessTemplate() } }, []],
    ['CronJob', { spec: { jobTemplate: { spec: { template: { ...probelessTemplate(), spec: { ...probelessTemplate().spec, hostIPC: true } } } } } }, [
      'pss-host-namespaces spec.jobTemplate.spec.template.spec.hostIPC',
    ]],
    ['Service', { spec: { template: probelessTemplate() } }, []],
  ])('%s', (kind, body, expected) => {
    expect(codesAndPaths({ kind, metadata: { name: 'x' }, ...body })).toEqual(expected);
  });
});

describe('acknowledgements', () => {
  test('drop an acknowledged hygiene check', () => {
    const annotations = { 'ignore-check.cdk8s-webstack/probe-missing': 'a queue consumer without a health command' };
    expect(codesAndPaths({ kind: 'Deployment', metadata: { name: 'x', annotations }, spec: { template: probelessTemplate() } })).toEqual([]);
  });

  test('need a reason', () => {
    const annotations = { 'ignore-check.cdk8s-webstack/probe-missing': ' ' };
    expect(codesAndPaths({ kind: 'Deployment', metadata: { name: 'x', annotations }, spec: { template: probelessTemplate() } })).toHaveLength(1);
  });

  test('cannot silence Pod Security', () => {
    const template = mutable(compliantTemplate());
    template.spec.hostPID = true;
    const annotations = { 'ignore-check.cdk8s-webstack/pss-host-namespaces': 'please' };
    expect(codesAndPaths({ kind: 'Deployment', metadata: { name: 'x', annotations }, spec: { template } })).toEqual(['pss-host-namespaces spec.template.spec.hostPID']);
  });

  test('acknowledgeCheck writes the annotation and passes synth', () => {
    const chart = new Chart(Testing.app(), 'c');
    chart.node.addValidation(new PodPolicyValidation(chart));
    const worker = new ApiObject(chart, 'worker', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker' }, spec: { template: probelessTemplate() } });
    expect(() => Testing.synth(chart)).toThrow('error[probe-missing]');
    acknowledgeCheck(worker, 'probe-missing', 'no health command');
    expect(Testing.synth(chart)[0].metadata.annotations).toEqual({ 'ignore-check.cdk8s-webstack/probe-missing': 'no health command' });
  });

  test('fails to acknowledge a Pod Security check', () => {
    const worker = new ApiObject(new Chart(Testing.app(), 'c'), 'worker', { apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(() => acknowledgeCheck(worker, 'pss-privileged', 'needed')).toThrow('pss-privileged cannot be acknowledged');
  });

  test('fails to acknowledge without a reason', () => {
    const worker = new ApiObject(new Chart(Testing.app(), 'c'), 'worker', { apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(() => acknowledgeCheck(worker, 'probe-missing', '')).toThrow('needs a reason');
  });
});

test('the visitor names the object and its construct path', () => {
  const chart = new Chart(Testing.app(), 'c');
  new ApiObject(chart, 'api', { apiVersion: 'v1', kind: 'Pod', ...probelessTemplate(), metadata: { name: 'api' } });
  expect(findPolicyViolations(chart).map((f) => [f.object, f.constructPath, f.violation.code])).toEqual([['Pod/api', 'c/api', 'probe-missing']]);
});
