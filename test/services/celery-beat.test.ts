import { IMAGE_IDENTITY, RESOURCES, WRITABLE_PATHS } from '../../lib/defaults';
import { CeleryBeat } from '../../lib/services/celery-beat';
import { givenChart, objectsOf, onlyOf, synth } from '../support/synth';
import { expectMisuse } from './expect-misuse';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

function givenBeat(celeryApp = 'shop.celery:app') {
  const chart = givenChart();
  const beat = new CeleryBeat(chart, 'beat', { image: 'myorg/api:1.4.2', celeryApp });
  return { chart, beat, manifests: synth(chart) };
}

describe('CeleryBeat', () => {
  test('renders ServiceAccount, Deployment and PDB (snapshot)', () => {
    expect(givenBeat().manifests).toMatchSnapshot();
  });

  test('is hardened and uses the defaults table', () => {
    expectHardenedRole(givenBeat().manifests, {
      name: 'beat', kind: 'Deployment', identity: IMAGE_IDENTITY.app, resources: RESOURCES.celeryBeat,
      writablePaths: WRITABLE_PATHS.app, probes: true,
    });
  });

  test('runs exactly one replica with Recreate and no HPA, so two schedulers never overlap', () => {
    const { manifests, beat } = givenBeat();
    const deployment = onlyOf(manifests, 'Deployment');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(objectsOf(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(beat.hpa).toBeUndefined();
  });

  test('its PDB allows the single pod to be evicted, so drains never block', () => {
    expect(onlyOf(givenBeat().manifests, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  test('keeps schedule and pidfile in the writable /tmp', () => {
    const container = containerOf(onlyOf(givenBeat().manifests, 'Deployment'));
    expect(container.args).toEqual(['celery', '-A', 'shop.celery:app', 'beat', '--loglevel=INFO', '--schedule=/tmp/celerybeat-schedule', '--pidfile=/tmp/celerybeat.pid']);
  });

  test('fails on a celeryApp that is not a module path', () => {
    expectMisuse(() => givenBeat('$(id)'), 'invalid-celery-app', 'shop/beat', '$(id)');
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenBeat().chart);
  });
});
