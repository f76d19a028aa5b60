import { AUTOSCALING, IMAGE_IDENTITY, RESOURCES, WRITABLE_PATHS } from '../../lib/defaults';
import { Worker } from '../../lib/services/worker';
import { givenChart, objectsOf, synth } from '../support/synth';
import { expectDeterministic, expectHardenedRole } from './invariants';

const CHECK = { exec: ['python', '-m', 'app.healthcheck'] };

function givenWorker() {
  const chart = givenChart();
  const worker = new Worker(chart, 'consumer', {
    image: 'myorg/consumer:0.9.0',
    liveness: { ...CHECK, periodSeconds: 30 },
    readiness: CHECK,
    startup: CHECK,
  });
  return { chart, worker, manifests: synth(chart) };
}

describe('Worker', () => {
  test('renders a portless process with the given probes (snapshot)', () => {
    expect(givenWorker().manifests).toMatchSnapshot();
  });

  test('is hardened, has no Service, and scales on cpu', () => {
    const { manifests, worker } = givenWorker();
    expectHardenedRole(manifests, {
      name: 'consumer', kind: 'Deployment', identity: IMAGE_IDENTITY.app, resources: RESOURCES.app,
      writablePaths: WRITABLE_PATHS.app, probes: true,
    });
    expect(objectsOf(manifests, 'Service')).toEqual([]);
    expect(worker.component).toBe('worker');
    expect(objectsOf(manifests, 'HorizontalPodAutoscaler')[0].spec.maxReplicas).toBe(AUTOSCALING.worker.maxReplicas);
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenWorker().chart);
  });
});
