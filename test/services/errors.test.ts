import { AUTOSCALING } from '../../lib/defaults';
import { Backend, type BackendProps } from '../../lib/services/backend';
import { Worker } from '../../lib/services/worker';
import { WebService } from '../../lib/services/web-service';
import { Task } from '../../lib/services/task';
import { givenChart } from '../support/synth';
import { expectMisuse } from './expect-misuse';

const IMAGE = 'myorg/api:1.4.2';

function backend(props: Partial<BackendProps>) {
  return () => new Backend(givenChart(), 'backend', { image: IMAGE, ...props });
}

describe('misuse errors shared by every role', () => {
  test('fails on an untagged image', () => {
    expectMisuse(backend({ image: 'myorg/api' }), 'image-untagged', 'shop/backend', 'myorg/api');
  });
  test('fails on :latest', () => {
    expectMisuse(backend({ image: 'myorg/api:latest' }), 'image-latest', 'shop/backend', 'myorg/api:latest');
  });
  test('fails on a malformed image reference', () => {
    expectMisuse(backend({ image: 'MyOrg/API 1' }), 'image-invalid', 'shop/backend', 'MyOrg/API 1');
  });
  test('accepts a registry with a port, and a digest without a tag', () => {
    expect(() => backend({ image: 'registry.local:5000/shop/api:1.0' })()).not.toThrow();
    expect(() => backend({ image: `myorg/api@sha256:${'a'.repeat(64)}` })()).not.toThrow();
  });
  test('fails on uid 0', () => {
    expectMisuse(backend({ runAsUser: 0 }), 'root-identity', 'shop/backend', 0);
  });
  test('fails on gid 0', () => {
    expectMisuse(backend({ runAsGroup: 0 }), 'root-identity', 'shop/backend', 0);
  });
  test('fails when minReplicas > maxReplicas', () => {
    expectMisuse(backend({ autoscaling: { minReplicas: 5, maxReplicas: 2 } }), 'min-above-max', 'shop/backend', { minReplicas: 5, maxReplicas: 2 });
  });
  test('fails when minReplicas is 0', () => {
    expectMisuse(backend({ autoscaling: { minReplicas: 0 } }), 'invalid-min-replicas', 'shop/backend', 0);
  });
  test('fails when replicas and autoscaling are both set', () => {
    expectMisuse(backend({ replicas: 2, autoscaling: { maxReplicas: 4 } }), 'replicas-with-autoscaling', 'shop/backend');
  });
  test('fails on replicas 0', () => {
    expectMisuse(backend({ replicas: 0 }), 'invalid-replicas', 'shop/backend', 0);
  });
  test('fails when autoscaling has no metric', () => {
    expectMisuse(backend({ autoscaling: { cpuUtilization: false, memoryUtilization: false } }), 'autoscaling-without-metric', 'shop/backend');
  });
  test('fails when a ReadWriteOnce claim may be mounted by more than one replica', () => {
    const claim = { name: 'uploads', mountPath: '/app/uploads', persistentVolumeClaim: { claimName: 'uploads' } };
    expectMisuse(backend({ volumes: [claim] }), 'rwo-claim-with-replicas', 'shop/backend', AUTOSCALING.web.maxReplicas);
    expect(() => backend({ volumes: [claim], replicas: 1 })()).not.toThrow();
  });
  test('fails on a volumeClaimTemplate outside a StatefulSet', () => {
    expectMisuse(backend({ volumes: [{ name: 'data', mountPath: '/data', volumeClaimTemplate: {} }] }), 'claim-template-without-statefulset', 'shop/backend', 'data');
  });
  test('fails on two volumes with one name', () => {
    const cache = { name: 'cache', emptyDir: {} };
    expectMisuse(backend({ volumes: [{ ...cache, mountPath: '/a' }, { ...cache, mountPath: '/b' }] }), 'duplicate-volume', 'shop/backend', 'cache');
  });
  test('fails on a privileged container port', () => {
    expectMisuse(backend({ ports: [{ name: 'http', port: 80 }] }), 'privileged-port', 'shop/backend', 80);
  });
  test('fails on a port name that is not an IANA service name', () => {
    expectMisuse(backend({ ports: [{ name: 'Web_Port', port: 8000 }] }), 'invalid-port-name', 'shop/backend', 'Web_Port');
  });
  test('fails when a request is above its limit', () => {
    expectMisuse(backend({ resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } }), 'request-above-limit', 'shop/backend', { request: '2Gi', limit: '1Gi' });
  });
  test('fails on a resource value that is no quantity', () => {
    expectMisuse(backend({ resources: { limits: { cpu: 'two' } } }), 'resource-not-quantity', 'shop/backend');
  });
  test('fails when the preStop sleep uses up the grace period', () => {
    expectMisuse(backend({ terminationGracePeriodSeconds: 5 }), 'prestop-exceeds-grace', 'shop/backend', { preStopSleepSeconds: 5, terminationGracePeriodSeconds: 5 });
  });
  test('fails on an exec probe without a command', () => {
    expectMisuse(backend({ liveness: { exec: [] } }), 'probe-empty-command', 'shop/backend', []);
  });
  test('fails on a name that is not a DNS label', () => {
    expectMisuse(backend({ name: 'Back_End' }), 'invalid-name', 'shop/backend', 'Back_End');
  });
  test('fails on a web service without ports', () => {
    expectMisuse(() => new WebService(givenChart(), 'api', { image: IMAGE }), 'web-service-without-port', 'shop/api');
  });
  test('fails on a worker with ports', () => {
    expectMisuse(() => new Worker(givenChart(), 'jobs', { image: IMAGE, ports: [{ name: 'http', port: 8000 }] }), 'worker-with-ports', 'shop/jobs');
  });
  test('fails on an HTTP probe in a portless container', () => {
    expectMisuse(() => new Worker(givenChart(), 'jobs', { image: IMAGE, liveness: { httpGet: { path: '/' } } }), 'probe-without-port', 'shop/jobs');
  });
  test('fails on a negative backoffLimit', () => {
    expectMisuse(() => new Task(givenChart(), 'migrate', { image: IMAGE, backoffLimit: -1 }), 'invalid-backoff-limit', 'shop/migrate', -1);
  });
});
