import { AUTOSCALING, IMAGE_IDENTITY, PORTS, PROBE_PATHS, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../../lib/defaults';
import { Backend, type BackendProps } from '../../lib/services/backend';
import { givenChart, onlyOf, synth } from '../support/synth';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

const IMAGE = 'registry.example.com/shop/api:1.4.2';

function givenBackend(props: Partial<BackendProps> = {}) {
  const chart = givenChart();
  const backend = new Backend(chart, 'backend', { image: IMAGE, ...props });
  return { chart, backend, manifests: synth(chart) };
}

describe('Backend', () => {
  test('renders ServiceAccount, Deployment, Service, HPA and PDB (snapshot)', () => {
    expect(givenBackend().manifests).toMatchSnapshot();
  });

  test('is hardened and uses the defaults table', () => {
    const { manifests } = givenBackend();
    expectHardenedRole(manifests, {
      name: 'backend', kind: 'Deployment', identity: IMAGE_IDENTITY.app, resources: RESOURCES.backend,
      writablePaths: WRITABLE_PATHS.app, probes: true,
    });
  });

  test('probes /health for liveness and startup, /ready for readiness, on the http port', () => {
    const container = containerOf(onlyOf(givenBackend().manifests, 'Deployment'));
    expect(container.livenessProbe.httpGet).toEqual({ path: PROBE_PATHS.backendLiveness, port: PORTS.backend });
    expect(container.startupProbe.httpGet).toEqual({ path: PROBE_PATHS.backendLiveness, port: PORTS.backend });
    expect(container.readinessProbe.httpGet).toEqual({ path: PROBE_PATHS.backendReadiness, port: PORTS.backend });
  });

  test('probe paths are configurable', () => {
    const container = containerOf(onlyOf(givenBackend({ livenessPath: '/livez', readinessPath: '/readyz' }).manifests, 'Deployment'));
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
  });

  test('HPA scales on cpu 70 % and memory 80 % between 3 and 10', () => {
    const hpa = onlyOf(givenBackend().manifests, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ minReplicas: AUTOSCALING.web.minReplicas, maxReplicas: AUTOSCALING.web.maxReplicas });
    expect(hpa.spec.metrics.map((m: { resource: { name: string; target: unknown } }) => [m.resource.name, m.resource.target])).toEqual([
      ['cpu', { type: 'Utilization', averageUtilization: 70 }],
      ['memory', { type: 'Utilization', averageUtilization: 80 }],
    ]);
  });

  test('fixed replicas drop the HPA and set replicas', () => {
    const { manifests, backend } = givenBackend({ replicas: 2 });
    expect(backend.hpa).toBeUndefined();
    expect(manifests.map((m) => m.kind)).not.toContain('HorizontalPodAutoscaler');
    expect(onlyOf(manifests, 'Deployment').spec.replicas).toBe(2);
  });

  test('drains before SIGTERM with a preStop sleep inside the grace period', () => {
    const deployment = onlyOf(givenBackend().manifests, 'Deployment');
    expect(containerOf(deployment).lifecycle.preStop.exec.command).toEqual(['sleep', String(SHUTDOWN.web.preStopSleepSeconds)]);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(SHUTDOWN.web.terminationGracePeriodSeconds);
  });

  test('implements the stack role contract', () => {
    const { backend } = givenBackend();
    expect(backend).toMatchObject({
      name: 'backend', component: 'backend', exposed: false, dependencies: [],
      ports: [{ name: 'http', port: PORTS.backend }],
      selectorLabels: { 'app.kubernetes.io/name': 'backend', 'app.kubernetes.io/instance': 'shop' },
    });
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenBackend().chart);
  });
});
