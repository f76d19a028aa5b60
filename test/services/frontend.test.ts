import { IMAGE_IDENTITY, PORTS, PROBE_PATHS, RESOURCES, WRITABLE_PATHS } from '../../lib/defaults';
import { Frontend, type FrontendProps } from '../../lib/services/frontend';
import { givenChart, onlyOf, synth } from '../support/synth';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

function givenFrontend(props: Partial<FrontendProps> = {}) {
  const chart = givenChart();
  const frontend = new Frontend(chart, 'frontend', { image: 'myorg/web:2.0.1', ...props });
  return { chart, frontend, manifests: synth(chart) };
}

describe('Frontend', () => {
  test('renders ServiceAccount, Deployment, Service, HPA and PDB (snapshot)', () => {
    expect(givenFrontend().manifests).toMatchSnapshot();
  });

  test('runs unprivileged nginx as uid 101 with /tmp and /var/cache/nginx writable', () => {
    expectHardenedRole(givenFrontend().manifests, {
      name: 'frontend', kind: 'Deployment', identity: IMAGE_IDENTITY.nginxUnprivileged, resources: RESOURCES.frontend,
      writablePaths: WRITABLE_PATHS.nginxUnprivileged, probes: true,
    });
  });

  test('listens on 8080 and serves it through a ClusterIP Service', () => {
    const { manifests } = givenFrontend();
    expect(containerOf(onlyOf(manifests, 'Deployment')).ports).toEqual([{ name: 'http', containerPort: PORTS.nginxUnprivileged, protocol: 'TCP' }]);
    expect(onlyOf(manifests, 'Service').spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: PORTS.nginxUnprivileged, targetPort: 'http' }] });
  });

  test('readiness is an HTTP GET of the SPA index; liveness a TCP connect', () => {
    const container = containerOf(onlyOf(givenFrontend().manifests, 'Deployment'));
    expect(container.readinessProbe.httpGet).toEqual({ path: PROBE_PATHS.frontend, port: PORTS.nginxUnprivileged });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: PORTS.nginxUnprivileged });
  });

  test('a user emptyDir at a default writable path replaces the default', () => {
    const { manifests } = givenFrontend({ volumes: [{ name: 'scratch', mountPath: '/tmp', emptyDir: { sizeLimit: '1Gi' } }] });
    const volumes = onlyOf(manifests, 'Deployment').spec.template.spec.volumes;
    expect(volumes.map((v: { name: string }) => v.name)).toEqual(['var-cache-nginx', 'scratch']);
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenFrontend().chart);
  });
});
