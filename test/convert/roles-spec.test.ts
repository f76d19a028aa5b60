import { convert } from './given';

describe('role specs', () => {
  const stack = `services:
  proxy:
    image: nginx:1.27
    ports: ["80:80"]
    volumes: [./nginx.conf:/etc/nginx/nginx.conf:ro]
    depends_on: [api, web]
    x-webstack: { ingress: { host: shop.example.com, tls_secret: shop-tls } }
  api:
    image: ghcr.io/acme/api:1.0.0
    user: "10001:10001"
    expose: [8000]
    depends_on: [db, cache]
  web:
    image: ghcr.io/acme/web:1.0.0
    user: "10001:10001"
    expose: [3000]
  worker:
    image: ghcr.io/acme/api:1.0.0
    user: "10001:10001"
    command: celery -A shop.celery:app worker -l info
    depends_on: [cache]
  beat:
    image: ghcr.io/acme/api:1.0.0
    user: "10001:10001"
    command: ["celery", "--app=shop.celery:app", "beat"]
  migrate:
    image: ghcr.io/acme/api:1.0.0
    user: "10001:10001"
    command: python manage.py migrate
    restart: on-failure:4
  db:
    image: postgres:16.6
    environment: { POSTGRES_USER: shop, POSTGRES_DB: shop, POSTGRES_PASSWORD: hunter2hunter2, PGDATA: /var/lib/postgresql/data }
  cache:
    image: redis:7.4.1
`;

  test('roles are detected and ordered dependencies first', () => {
    const { spec } = convert(stack, { 'nginx.conf': 'events {}' });
    expect(spec.roles.map((r) => `${r.props.name}:${r.role}`)).toEqual([
      'db:postgres', 'cache:redis', 'api:web-service', 'web:web-service', 'proxy:edge-proxy', 'worker:celery-worker', 'beat:celery-beat', 'migrate:task',
    ]);
  });

  test('a Compose proxy keeps its own image and configuration, as the only entry from outside', () => {
    const { role, spec } = convert(stack, { 'nginx.conf': 'events {}' });
    expect(role('proxy')).toMatchObject({
      role: 'edge-proxy',
      dependsOn: ['api', 'web'],
      props: { image: 'nginx:1.27', family: 'nginx', ports: [{ name: 'http', port: 80 }], servicePorts: { http: 80 }, expose: { type: 'ingress', host: 'shop.example.com', tlsSecret: 'shop-tls' }, sysctls: { 'net.ipv4.ip_unprivileged_port_start': '80' } },
    });
    expect(spec.configMaps.find((c) => c.name === 'proxy-nginx-conf')?.data).toEqual({ 'nginx.conf': 'events {}' });
  });

  test('x-webstack.role proxy puts the stack\'s own proxy in its place: /api to the API-looking upstream, the rest to the UI-looking one', () => {
    const { role, spec, findings } = convert(stack.replace('x-webstack: { ingress:', 'x-webstack: { role: proxy, ingress:'), { 'nginx.conf': 'events {}' });
    expect(role('proxy')).toMatchObject({ backend: 'api', frontend: 'web', dependsOn: [], props: { expose: { type: 'ingress', host: 'shop.example.com', tlsSecret: 'shop-tls' } } });
    expect(spec.configMaps.map((c) => c.name)).not.toContain('proxy-nginx-conf');
    expect(findings).toContain('proxy-replaced 3:5');
  });

  test('celery roles take the -A application; the Compose command stays the args', () => {
    const { role } = convert(stack, { 'nginx.conf': 'events {}' });
    expect(role('worker').props).toMatchObject({ celeryApp: 'shop.celery:app', args: ['celery', '-A', 'shop.celery:app', 'worker', '-l', 'info'] });
    expect(role('beat').props).toMatchObject({ celeryApp: 'shop.celery:app' });
  });

  test('restart on-failure:N is a Job retrying N times in place', () => {
    expect(convert(stack, { 'nginx.conf': 'events {}' }).role('migrate').props).toMatchObject({ backoffLimit: 4, restartPolicy: 'OnFailure' });
  });

  test('postgres takes user and database as props and the password from the Secret; PGDATA stays the role’s', () => {
    const { role, findings, spec } = convert(stack, { 'nginx.conf': 'events {}' });
    expect(role('db').props).toMatchObject({ credentialsSecret: 'db-env', passwordKey: 'POSTGRES_PASSWORD', database: 'shop', env: { POSTGRES_USER: 'shop' } });
    expect(JSON.stringify(role('db').props)).not.toContain('PGDATA');
    expect(findings).toContain('env-managed-by-role 33:95');
    expect(spec.secrets.find((s) => s.name === 'db-env')?.keys).toEqual({ POSTGRES_PASSWORD: { kind: 'literal', variable: 'POSTGRES_PASSWORD' } });
  });

  test('redis without a password in Compose gets none: its clients send none', () => {
    const { role, findings } = convert(stack, { 'nginx.conf': 'events {}' });
    expect(role('cache').props).toMatchObject({ passwordSecret: false });
    expect(findings).toContain('redis-without-password 34:3');
  });

  test.each([
    ['--requirepass on its command', 'command: ["redis-server", "--requirepass", "s3cret-value"]'],
    ['a REDIS_PASSWORD variable', 'environment: { REDIS_PASSWORD: s3cret-value }'],
  ])('redis keeps a password Compose set with %s, from a Secret the user creates', (_how, line) => {
    const { role, spec } = convert(`services:\n  cache:\n    image: redis:7.4.1\n    ${line}\n`);
    expect(role('cache').props).toMatchObject({ passwordSecret: 'cache-env', passwordKey: 'REDIS_PASSWORD' });
    expect(spec.secrets).toEqual([expect.objectContaining({ name: 'cache-env', keys: expect.objectContaining({ REDIS_PASSWORD: expect.anything() }) })]);
    expect(JSON.stringify(spec)).not.toContain('s3cret-value');
  });

  test('a celery command without -A falls back to a worker, with a warning', () => {
    const { role, findings } = convert('services:\n  w:\n    image: a/b:1.0.0\n    user: "1:1"\n    command: ["/entrypoint-celery-worker.sh"]\n');
    expect(role('w').role).toBe('worker');
    expect(findings).toContain('role-unavailable 2:3');
  });
});

describe('scaling, rollout, placement and resources', () => {
  const app = (lines: string) => `services:\n  app:\n    image: a/b:1.0.0\n    user: "1:1"\n    expose: [8080]\n${lines}`;

  test('deploy.replicas is the HPA minimum; update_config start-first surges by parallelism', () => {
    const { role, findings } = convert(app('    deploy:\n      replicas: 4\n      update_config: { order: start-first, parallelism: 2, delay: 10s }\n'));
    expect(role('app').props).toMatchObject({ autoscaling: { minReplicas: 4 }, maxSurge: 2, maxUnavailable: 0 });
    expect(findings).toContain('update-config-field-ignored 8:60');
  });

  test('placement constraints and spread preferences become node affinity and topology spread', () => {
    const { role, findings } = convert(app('    platform: linux/arm64\n    deploy:\n      placement:\n        constraints: ["node.labels.disk==ssd", "node.role==manager"]\n        preferences: [{ spread: node.labels.zone }]\n'));
    expect(role('app').props).toMatchObject({
      nodeAffinity: [
        { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
        { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
        { key: 'disk', operator: 'In', values: ['ssd'] },
      ],
      topologySpread: [{ topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }],
    });
    expect(findings).toContain('placement-constraint-invalid 9:48');
  });

  test('fails on deploy.mode global', () => {
    expect(convert(app('    deploy: { mode: global }\n')).findings).toContain('deploy-global 6:15');
  });

  test('limits only: the role request is kept, capped at the limit', () => {
    const { role } = convert(app('    deploy: { resources: { limits: { cpus: "0.05", memory: 300M } } }\n'));
    expect(role('app').props).toMatchObject({ resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '50m', memory: '300Mi' } } });
  });

  test('fails when a reservation is above its limit, or mem_limit disagrees with deploy.resources', () => {
    const { findings } = convert(app('    mem_limit: 1g\n    deploy: { resources: { limits: { memory: 512M }, reservations: { memory: 1G } } }\n'));
    expect(findings).toEqual(expect.arrayContaining(['resources-conflict 7:28', 'resources-request-above-limit 7:70']));
  });

  test('stop_grace_period is the termination grace period; stop_signal is reported', () => {
    const { role, findings } = convert(app('    stop_grace_period: 1m30s\n    stop_signal: SIGINT\n'));
    expect(role('app').props).toMatchObject({ terminationGracePeriodSeconds: 90 });
    expect(findings).toContain('stop-signal-ignored 7:5');
  });
});

describe('database healthchecks', () => {
  test('a postgres healthcheck becomes readiness and startup; liveness connects to the role port', () => {
    const { role } = convert(`services:
  db:
    image: postgres:16.6
    environment: { POSTGRES_PASSWORD: x }
    healthcheck: { test: ["CMD-SHELL", "pg_isready -U postgres"], interval: 10s, retries: 5 }
`);
    expect(role('db').props).toMatchObject({
      readiness: { exec: ['/bin/sh', '-c', 'pg_isready -U postgres'], periodSeconds: 10, failureThreshold: 5 },
      liveness: { tcpSocket: { port: 5432 } },
    });
  });
});

describe('postgres credentials from files', () => {
  test('POSTGRES_PASSWORD_FILE from a Compose secret is kept, and no password Secret key is required', () => {
    const { role, spec } = convert(
      `services:
  db:
    image: postgres:16.6
    environment: { POSTGRES_USER: app, POSTGRES_PASSWORD_FILE: /run/secrets/db_password }
    secrets: [db_password]
secrets:
  db_password: { file: ./password.txt }
`,
      { 'password.txt': 'correct-horse-battery\n' },
    );
    expect(role('db').props).toMatchObject({ env: { POSTGRES_USER: 'app', POSTGRES_PASSWORD_FILE: '/run/secrets/db_password' } });
    expect(spec.secrets.map((s) => s.name)).toEqual(['db-password']);
  });
});
