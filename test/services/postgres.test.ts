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

  test('credentials come from the Secret and PGDATA is a subdirectory of the claim', () => {
    const sts = onlyOf(givenPostgres().manifests, 'StatefulSet');
    const container = containerOf(sts);
    expect(container.env).toEqual([
      { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: POSTGRES.secretUserKey } } },
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: POSTGRES.secretPasswordKey } } },
      { name: 'POSTGRES_DB', value: POSTGRES.database },
      { name: 'PGDATA', value: `${POSTGRES.dataMountPath}/${POSTGRES.pgdataSubdirectory}` },
    ]);
    expect(container.volumeMounts).toContainEqual({ name: STORAGE.claimName, mountPath: POSTGRES.dataMountPath });
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(STORAGE.size);
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
