import { celeryApp, celeryMode, detectRole, imageFamily, RoleFacts } from '../../lib/convert/roles';

const base: RoleFacts = { argv: [], hasPorts: false, publishesPorts: false, runsToCompletion: false, awaitedCompletion: false };

describe('role detection', () => {
  test.each([
    ['postgres:18', 'postgres'],
    ['library/postgres:15-alpine', 'postgres'],
    ['bitnami/postgresql:17.6.0', 'postgres'],
    ['valkey/valkey:8.1-alpine', 'redis'],
    ['redis:alpine', 'redis'],
    ['eqalpha/keydb:x86_64_v6.3.4', 'redis'],
    ['nginxinc/nginx-unprivileged:1.27.3-alpine', 'proxy'],
    ['traefik:3.6', 'proxy'],
    ['envoyproxy/envoy:v1.34.1', 'proxy'],
    ['zulip/zulip-postgresql:14', undefined],
    ['ghcr.io/saleor/saleor:3.22', undefined],
  ])('%s is family %s', (image, family) => {
    expect(imageFamily(image)).toBe(family);
  });

  test('databases keep their role whatever the restart policy', () => {
    expect(detectRole({ ...base, image: 'postgres:18', runsToCompletion: true }).role).toBe('postgres');
  });

  test('run-to-completion and awaited services become tasks; a server with restart on-failure stays a server', () => {
    expect(detectRole({ ...base, image: 'app:1', runsToCompletion: true }).role).toBe('task');
    expect(detectRole({ ...base, image: 'ghcr.io/acme/api:1', runsToCompletion: true, hasPorts: true }).role).toBe('web-service');
    expect(detectRole({ ...base, image: 'mariadb:11.8', runsToCompletion: true, hasPorts: true }).role).toBe('data-service');
    expect(detectRole({ ...base, image: 'app:1', runsToCompletion: true, hasPorts: true, awaitedCompletion: true }).role).toBe('task');
    expect(detectRole({ ...base, image: 'app:1', awaitedCompletion: true }).role).toBe('task');
  });

  test('celery commands and entrypoint scripts', () => {
    expect(detectRole({ ...base, argv: ['celery', '-A', 'saleor', 'worker', '-B'] }).role).toBe('celery-worker');
    expect(detectRole({ ...base, argv: ['/wait-for-it.sh', 'postgres:5432', '--', '/entrypoint-celery-beat.sh'] }).role).toBe('celery-beat');
    expect(detectRole({ ...base, argv: ['sh', '-c', 'celery -A proj beat -l info'] }).role).toBe('celery-beat');
    expect(celeryMode(['python', 'manage.py', 'runworker'])).toBeUndefined();
  });

  test('a proxy image that publishes ports is kept as the edge proxy; unpublished, it is a web service', () => {
    expect(detectRole({ ...base, image: 'nginx:1.27', hasPorts: true, publishesPorts: true }).role).toBe('edge-proxy');
    expect(detectRole({ ...base, image: 'caddy:2.8', hasPorts: true, publishesPorts: true }).role).toBe('edge-proxy');
    expect(detectRole({ ...base, image: 'nginx:1.27', hasPorts: true }).role).toBe('web-service');
  });

  test.each(['mysql:8.4', 'mariadb:11.8', 'mongo:7.0', 'rabbitmq:3.13-management', 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0', 'clickhouse/clickhouse-server:24.8', 'minio/minio:RELEASE.2024-10-02T17-50-41Z'])('%s with ports is a data service (a StatefulSet)', (image) => {
    expect(detectRole({ ...base, image, hasPorts: true }).role).toBe('data-service');
  });

  test('other services: ports make a web service, no ports a worker', () => {
    expect(detectRole({ ...base, image: 'app:1', hasPorts: true }).role).toBe('web-service');
    expect(detectRole({ ...base, image: 'app:1' }).role).toBe('worker');
  });

  test.each([
    [['celery', '-A', 'saleor', '--app=saleor.celeryconf:app', 'worker'], 'saleor.celeryconf:app'],
    [['celery', '--app', 'proj', 'beat'], 'proj'],
    [['sh', '-c', 'celery -Aproj worker'], 'proj'],
    [['celery', 'worker'], undefined],
  ])('celery app of %j is %s', (argv, app) => {
    expect(celeryApp(argv)).toBe(app);
  });
});
