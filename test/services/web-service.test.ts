import { IMAGE_IDENTITY, RESOURCES, WRITABLE_PATHS } from '../../lib/defaults';
import { WebService, type WebServiceProps } from '../../lib/services/web-service';
import { givenChart, onlyOf, synth } from '../support/synth';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

const PORT = { name: 'http', port: 3000 };

function givenWebService(props: Partial<WebServiceProps> = {}) {
  const chart = givenChart();
  const web = new WebService(chart, 'api', { image: 'ghcr.io/acme/api:3.1.0', ports: [PORT], ...props });
  return { chart, web, manifests: synth(chart) };
}

describe('WebService', () => {
  test('renders a generic image with a port (snapshot)', () => {
    expect(givenWebService().manifests).toMatchSnapshot();
  });

  test('is hardened with the generic app identity (uid 10001) and TCP probes', () => {
    const { manifests } = givenWebService();
    const deployment = expectHardenedRole(manifests, {
      name: 'api', kind: 'Deployment', identity: IMAGE_IDENTITY.app, resources: RESOURCES.app,
      writablePaths: WRITABLE_PATHS.app, probes: true,
    });
    expect(containerOf(deployment).livenessProbe.tcpSocket).toEqual({ port: 3000 });
  });

  test('renders everything Compose can express about a service', () => {
    const { manifests } = givenWebService({
      command: ['/entrypoint'], args: ['serve'], workingDir: '/srv',
      env: {
        MODE: 'production',
        SECRET_KEY: { secretKeyRef: { name: 'api', key: 'secret-key' } },
        FEATURE: { configMapKeyRef: { name: 'flags', key: 'feature', optional: true } },
      },
      envFromConfigMaps: ['api-env'], envFromSecrets: ['api-secrets'],
      readiness: { exec: ['/bin/check'], periodSeconds: 2 },
      startup: false,
      resources: { limits: { memory: '1Gi' } },
      runAsUser: 20000, runAsGroup: 20000, fsGroup: 20001, supplementalGroups: [3000],
      volumes: [
        { name: 'shm', mountPath: '/dev/shm', emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
        { name: 'conf', mountPath: '/etc/app/app.conf', subPath: 'app.conf', configMap: { name: 'api-conf' } },
        { name: 'tls', mountPath: '/run/secrets/tls', secret: { secretName: 'api-tls', items: [{ key: 'tls.key', path: 'tls.key', mode: 0o400 }] } },
      ],
      podAnnotations: { 'example.com/hash': 'abc' },
      labels: { team: 'payments', 'app.kubernetes.io/name': 'spoofed' },
      terminationGracePeriodSeconds: 45, preStopSleepSeconds: 10, postStart: ['/bin/warm'],
      maxSurge: '50%', maxUnavailable: 0,
      nodeAffinity: [{ key: 'disk', operator: 'In', values: ['ssd'] }],
      topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone' }],
      hostAliases: [{ ip: '10.0.0.5', hostnames: ['legacy.internal'] }],
      dnsConfig: { searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }] },
    });
    const deployment = onlyOf(manifests, 'Deployment');
    const pod = deployment.spec.template.spec;
    const container = containerOf(deployment);
    expect(container).toMatchObject({ command: ['/entrypoint'], args: ['serve'], workingDir: '/srv' });
    expect(container.env).toEqual([
      { name: 'MODE', value: 'production' },
      { name: 'SECRET_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'secret-key' } } },
      { name: 'FEATURE', valueFrom: { configMapKeyRef: { name: 'flags', key: 'feature', optional: true } } },
    ]);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'api-env' } }, { secretRef: { name: 'api-secrets' } }]);
    expect(container.readinessProbe).toMatchObject({ exec: { command: ['/bin/check'] }, periodSeconds: 2 });
    expect(container.startupProbe).toBeUndefined();
    expect(container.resources.limits.memory).toBe('1Gi');
    expect(container.resources.requests.memory).toBe(RESOURCES.app.requests.memory);
    expect(pod.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20000, fsGroup: 20001, supplementalGroups: [3000] });
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'shm', mountPath: '/dev/shm' },
      { name: 'conf', mountPath: '/etc/app/app.conf', subPath: 'app.conf', readOnly: true },
      { name: 'tls', mountPath: '/run/secrets/tls', readOnly: true },
    ]);
    expect(pod.volumes[3].secret).toEqual({ secretName: 'api-tls', items: [{ key: 'tls.key', path: 'tls.key', mode: 0o400 }] });
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'example.com/hash': 'abc' });
    expect(deployment.metadata.labels).toMatchObject({ team: 'payments', 'app.kubernetes.io/name': 'api' });
    expect(pod.terminationGracePeriodSeconds).toBe(45);
    expect(container.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '10'] } }, postStart: { exec: { command: ['/bin/warm'] } } });
    expect(deployment.spec.strategy.rollingUpdate).toEqual({ maxSurge: '50%', maxUnavailable: 0 });
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }]);
    expect(pod.topologySpreadConstraints).toEqual([{
      topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'shop' } },
    }]);
    expect(pod.hostAliases).toEqual([{ ip: '10.0.0.5', hostnames: ['legacy.internal'] }]);
    expect(pod.dnsConfig).toEqual({ searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }] });
  });

  test('name, instance and partOf drive names and labels', () => {
    const { manifests, web } = givenWebService({ name: 'orders', instance: 'prod', partOf: 'shop' });
    expect(manifests.map((m) => m.metadata.name)).toEqual(manifests.map(() => 'orders'));
    expect(web.selectorLabels).toEqual({ 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/instance': 'prod' });
    expect(onlyOf(manifests, 'Service').metadata.labels['app.kubernetes.io/part-of']).toBe('shop');
  });

  test('autoscaling: false keeps the minimum as a fixed replica count', () => {
    const { manifests } = givenWebService({ autoscaling: false });
    expect(manifests.map((m) => m.kind)).not.toContain('HorizontalPodAutoscaler');
    expect(onlyOf(manifests, 'Deployment').spec.replicas).toBe(3);
  });

  test('dependsOn becomes the role dependencies', () => {
    const chart = givenChart();
    const db = new WebService(chart, 'db', { image: 'myorg/db:1.0', ports: [{ name: 'db', port: 5000 }] });
    const api = new WebService(chart, 'api', { image: 'myorg/api:1.0', ports: [PORT], dependsOn: [db] });
    expect(api.dependencies).toEqual([db]);
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenWebService().chart);
  });
});
