import { IMAGE_IDENTITY, IMAGES, PORTS, REDIS, RESOURCES, STORAGE, WRITABLE_PATHS } from '../../lib/defaults';
import { Redis, type RedisProps } from '../../lib/services/redis';
import { givenChart, onlyOf, synth } from '../support/synth';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

function givenRedis(props: Partial<RedisProps> = {}) {
  const chart = givenChart();
  const redis = new Redis(chart, 'redis', { passwordSecret: 'redis-auth', ...props });
  return { chart, redis, manifests: synth(chart) };
}

describe('Redis', () => {
  test('renders ServiceAccount, headless Service, StatefulSet and PDB (snapshot)', () => {
    expect(givenRedis().manifests).toMatchSnapshot();
  });

  test('is hardened as uid 999 and uses the defaults table', () => {
    expectHardenedRole(givenRedis().manifests, {
      name: 'redis', kind: 'StatefulSet', identity: IMAGE_IDENTITY.redis, resources: RESOURCES.redis,
      writablePaths: WRITABLE_PATHS.redis, probes: true,
    });
  });

  test('keeps its data in an 8Gi ReadWriteOnce claim per pod at /data, retained on delete', () => {
    const sts = onlyOf(givenRedis().manifests, 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: STORAGE.claimName },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: STORAGE.size } } },
    }]);
    expect(containerOf(sts).volumeMounts).toContainEqual({ name: STORAGE.claimName, mountPath: REDIS.dataMountPath });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(sts.spec).toMatchObject({ replicas: 1, serviceName: 'redis' });
  });

  test('runs AOF everysec with maxmemory and allkeys-lru, and requires the password', () => {
    const container = containerOf(onlyOf(givenRedis().manifests, 'StatefulSet'));
    expect(container.image).toBe(IMAGES.redis);
    expect(container.command).toEqual(['redis-server']);
    const args: string[] = container.args;
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect([flag('--appendonly'), flag('--appendfsync'), flag('--maxmemory'), flag('--maxmemory-policy'), flag('--requirepass')])
      .toEqual(['yes', 'everysec', REDIS.maxmemory, 'allkeys-lru', '$(REDIS_PASSWORD)']);
  });

  test('the password comes only from the Secret, for the server and for redis-cli', () => {
    const { manifests } = givenRedis();
    const container = containerOf(onlyOf(manifests, 'StatefulSet'));
    const ref = { secretKeyRef: { name: 'redis-auth', key: REDIS.secretPasswordKey } };
    expect(container.env).toEqual([{ name: 'REDIS_PASSWORD', valueFrom: ref }, { name: 'REDISCLI_AUTH', valueFrom: ref }]);
    expect(JSON.stringify(manifests)).not.toMatch(/"value":"[^"]*pass/i);
  });

  test('passwordSecret: false runs without a password: no --requirepass and no password env', () => {
    const container = containerOf(onlyOf(givenRedis({ passwordSecret: false }).manifests, 'StatefulSet'));
    expect(container.args).not.toContain('--requirepass');
    expect(container.env).toBeUndefined();
  });

  test('probes: TCP liveness, redis-cli ping readiness and startup that require PONG', () => {
    const container = containerOf(onlyOf(givenRedis().manifests, 'StatefulSet'));
    expect(container.livenessProbe.tcpSocket).toEqual({ port: PORTS.redis });
    expect(container.readinessProbe.exec.command).toEqual(['sh', '-c', `test "$(redis-cli -h 127.0.0.1 -p ${PORTS.redis} ping)" = PONG`]);
    expect(container.startupProbe.exec).toEqual(container.readinessProbe.exec);
  });

  test('the Service is headless on the redis port', () => {
    expect(onlyOf(givenRedis().manifests, 'Service').spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'redis', port: PORTS.redis, targetPort: 'redis' }] });
  });

  test('tuning and storage are props', () => {
    const { manifests } = givenRedis({ maxmemory: '1gb', appendfsync: 'always', storageSize: '20Gi', storageClassName: 'fast', resources: { limits: { memory: '2Gi' } } });
    const sts = onlyOf(manifests, 'StatefulSet');
    expect(containerOf(sts).args).toEqual(expect.arrayContaining(['1gb', 'always']));
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '20Gi' } } });
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenRedis().chart);
  });
});
