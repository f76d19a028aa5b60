import { AUTOSCALING, IMAGE_IDENTITY, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../../lib/defaults';
import { CeleryWorker, type CeleryWorkerProps } from '../../lib/services/celery-worker';
import { givenChart, objectsOf, onlyOf, synth } from '../support/synth';
import { expectMisuse } from './expect-misuse';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

function givenWorker(props: Partial<CeleryWorkerProps> = {}) {
  const chart = givenChart();
  const worker = new CeleryWorker(chart, 'worker', { image: 'myorg/api:1.4.2', celeryApp: 'shop', ...props });
  return { chart, worker, manifests: synth(chart) };
}

describe('CeleryWorker', () => {
  test('renders ServiceAccount, Deployment, HPA and PDB (snapshot)', () => {
    expect(givenWorker().manifests).toMatchSnapshot();
  });

  test('is hardened and uses the defaults table', () => {
    expectHardenedRole(givenWorker().manifests, {
      name: 'worker', kind: 'Deployment', identity: IMAGE_IDENTITY.app, resources: RESOURCES.celeryWorker,
      writablePaths: WRITABLE_PATHS.app, probes: true,
    });
  });

  test('has no Service and no ports, so it accepts no traffic', () => {
    const { manifests, worker } = givenWorker();
    expect(objectsOf(manifests, 'Service')).toEqual([]);
    expect(containerOf(onlyOf(manifests, 'Deployment')).ports).toBeUndefined();
    expect(worker.ports).toEqual([]);
  });

  test('asks only its own celery node: ping for liveness and startup, its active queues for readiness', () => {
    const container = containerOf(onlyOf(givenWorker().manifests, 'Deployment'));
    const inspect = (command: string) => ['sh', '-c', `celery -A shop inspect ${command} --destination "celery@$HOSTNAME" --timeout 10`];
    expect(container.livenessProbe.exec.command).toEqual(inspect('ping'));
    expect(container.startupProbe.exec.command).toEqual(inspect('ping'));
    // kube-score's pod-probes-identical compares the commands, not the timings.
    expect(container.readinessProbe.exec.command).toEqual(inspect('active_queues'));
    expect(container.args).toEqual(['celery', '-A', 'shop', 'worker', '--loglevel=INFO']);
  });

  test('gets a long grace period and no preStop sleep', () => {
    const deployment = onlyOf(givenWorker().manifests, 'Deployment');
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(SHUTDOWN.worker.terminationGracePeriodSeconds);
    expect(containerOf(deployment).lifecycle).toBeUndefined();
  });

  test('scales on cpu only', () => {
    const hpa = onlyOf(givenWorker().manifests, 'HorizontalPodAutoscaler');
    expect(hpa.spec.minReplicas).toBe(AUTOSCALING.worker.minReplicas);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: AUTOSCALING.worker.cpuUtilization } } }]);
  });

  test('fails on a celeryApp that is not a module path (it is spliced into a shell probe)', () => {
    expectMisuse(() => givenWorker({ celeryApp: 'shop; rm -rf /' }), 'invalid-celery-app', 'shop/worker', 'shop; rm -rf /');
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenWorker().chart);
  });
});
