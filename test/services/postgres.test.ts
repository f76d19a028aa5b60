import { IMAGE_IDENTITY, IMAGES, PORTS, POSTGRES, RESOURCES, STORAGE, WRITABLE_PATHS } from '../../lib/defaults';
import { Postgres, type PostgresProps } from '../../lib/services/postgres';
import { givenChart, onlyOf, synth } from '../support/synth';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

function givenPostgres(props: Partial<PostgresProps> = {}) {
  const chart = givenChart();
  const postgres = new Postgres(chart, 'postgres', { credentialsSecret: 'postgres-credentials', ...props });
  return { chart, postgres, manifests: synth(chart) };
}

describe('Postgres', () => {
  test('renders ServiceAccount, headless Service, StatefulSet and PDB (snapshot)', () => {
    expect(givenPostgres().manifests).toMatchSnapshot();
  });

  test('is hardened as uid 999 with the socket dir, /tmp and a memory /dev/shm writable', () => {
    expectHardenedRole(givenPostgres().manifests, {
      name: 'postgres', kind: 'StatefulSet', identity: IMAGE_IDENTITY.postgres, resources: RESOURCES.postgres,
      writablePaths: WRITABLE_PATHS.postgres, probes: true,
    });
  });

  test('passes each tuning default as a server argument', () => {
    const container = containerOf(onlyOf(givenPostgres().manifests, 'StatefulSet'));
    expect(container.image).toBe(IMAGES.postgres);
    expect(container.args).toEqual([
      '-c', 'shared_buffers=512MB', '-c', 'effective_cache_size=2GB', '-c', 'max_connections=200',
      '-c', 'work_mem=4MB', '-c', 'maintenance_work_mem=128MB',
    ]);
  });

  test('each tuning parameter is a prop', () => {
    const container = containerOf(onlyOf(givenPostgres({
      sharedBuffers: '1GB', effectiveCacheSize: '3GB', maxConnections: 50, workMem: '8MB', maintenanceWorkMem: '256MB',
    }).manifests, 'StatefulSet'));
    expect(container.args).toEqual([
      '-c', 'shared_buffers=1GB', '-c', 'effective_cache_size=3GB', '-c', 'max_connections=50',
      '-c', 'work_mem=8MB', '-c', 'maintenance_work_mem=256MB',
    ]);
  });

  test('credentials are files from the Secret, never env, and PGDATA is a subdirectory of the claim', () => {
    const sts = onlyOf(givenPostgres().manifests, 'StatefulSet');
    const container = containerOf(sts);
    expect(container.env).toEqual([
      { name: 'POSTGRES_USER_FILE', value: `${POSTGRES.credentialsMountPath}/username` },
      { name: 'POSTGRES_PASSWORD_FILE', value: `${POSTGRES.credentialsMountPath}/password` },
      { name: 'POSTGRES_DB', value: POSTGRES.database },
      { name: 'PGDATA', value: `${POSTGRES.dataMountPath}/${POSTGRES.pgdataSubdirectory}` },
    ]);
    expect(container.volumeMounts).toContainEqual({ name: STORAGE.claimName, mountPath: POSTGRES.dataMountPath });
    expect(container.volumeMounts).toContainEqual({ name: 'credentials', mountPath: POSTGRES.credentialsMountPath, readOnly: true });
    expect(sts.spec.template.spec.volumes).toContainEqual({
      name: 'credentials',
      secret: {
        secretName: 'postgres-credentials',
        items: [{ key: POSTGRES.secretUserKey, path: 'username' }, { key: POSTGRES.secretPasswordKey, path: 'password' }],
        // Group-readable only: the files belong to the pod's fsGroup, the postgres gid.
        defaultMode: 0o440,
      },
    });
    expect(sts.spec.template.spec.securityContext.fsGroup).toBe(IMAGE_IDENTITY.postgres.runAsGroup);
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(STORAGE.size);
  });

  test('the Secret keys are props, and each becomes the file the image reads', () => {
    const sts = onlyOf(givenPostgres({ userKey: 'POSTGRES_USER', passwordKey: 'POSTGRES_PASSWORD' }).manifests, 'StatefulSet');
    expect(sts.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'credentials').secret.items).toEqual([
      { key: 'POSTGRES_USER', path: 'username' },
      { key: 'POSTGRES_PASSWORD', path: 'password' },
    ]);
  });

  test('a user env POSTGRES_USER replaces the file for the name only (the image refuses both forms at once)', () => {
    const sts = onlyOf(givenPostgres({ env: { POSTGRES_USER: 'shop' } }).manifests, 'StatefulSet');
    const names = containerOf(sts).env.map((e: { name: string }) => e.name);
    expect(names).toEqual(['POSTGRES_PASSWORD_FILE', 'POSTGRES_DB', 'PGDATA', 'POSTGRES_USER']);
    expect(sts.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'credentials').secret.items).toEqual([
      { key: POSTGRES.secretPasswordKey, path: 'password' },
    ]);
  });

  test('with both values given as env, no credentials volume is mounted', () => {
    const sts = onlyOf(givenPostgres({ env: { POSTGRES_USER: 'shop', POSTGRES_PASSWORD_FILE: '/run/secrets/db' } }).manifests, 'StatefulSet');
    expect(sts.spec.template.spec.volumes.map((v: { name: string }) => v.name)).not.toContain('credentials');
    expect(containerOf(sts).env.map((e: { name: string }) => e.name)).toEqual(['POSTGRES_DB', 'PGDATA', 'POSTGRES_USER', 'POSTGRES_PASSWORD_FILE']);
  });

  test('probes: TCP liveness, pg_isready readiness and a long pg_isready startup', () => {
    const container = containerOf(onlyOf(givenPostgres().manifests, 'StatefulSet'));
    expect(container.livenessProbe.tcpSocket).toEqual({ port: PORTS.postgres });
    expect(container.readinessProbe.exec.command).toEqual(['pg_isready', '-h', '127.0.0.1', '-p', String(PORTS.postgres)]);
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBeGreaterThanOrEqual(600);
  });

  test('the Service is headless on the postgres port', () => {
    expect(onlyOf(givenPostgres().manifests, 'Service').spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'postgres', port: PORTS.postgres }] });
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenPostgres().chart);
  });
});
