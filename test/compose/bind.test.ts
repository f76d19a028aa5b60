import { PMap } from '../../lib/compose/tree';
import { parseCompose } from '../../lib/compose/parse';
import { normalize } from '../../lib/compose/normalize';
import { bind } from '../../lib/compose/bind';
import type { ComposeProject, ServiceSpec } from '../../lib/compose/model';

function project(yaml: string): ComposeProject {
  const parsed = parseCompose(yaml, 'compose.yaml');
  expect(parsed.diagnostics).toEqual([]);
  const normalized = normalize(parsed.result?.[0] as PMap, { workingDir: '/srv/shop', homeDir: '/home/dev' });
  expect(normalized.diagnostics).toEqual([]);
  return bind(normalized.tree, { workingDir: '/srv/shop', files: ['/srv/shop/compose.yaml'] });
}

function service(yaml: string): ServiceSpec {
  return project(yaml).services[0] as ServiceSpec;
}

describe('bind', () => {
  test('units are fixed: durations in ms, sizes in bytes, CPU in cores and millicores', () => {
    const s = service(
      [
        'services:',
        '  api:',
        '    image: api:1',
        '    stop_grace_period: 1m30s',
        '    shm_size: 256m',
        '    mem_limit: 1g',
        '    cpus: "0.25"',
        '    healthcheck: {test: ["CMD", "curl", "-f", "http://localhost/"], interval: 10s, timeout: 2s, retries: 5, start_period: 1m, start_interval: 500ms}',
        '    deploy:',
        '      replicas: 3',
        '      resources:',
        '        limits: {cpus: "1.5", memory: 512m}',
        '        reservations: {cpus: "0.0015", memory: 128M}',
        '      update_config: {parallelism: 1, delay: 10s, order: start-first}',
        '      restart_policy: {condition: on-failure, max_attempts: 3, window: 2m}',
        '      placement: {constraints: ["node.role==worker"], preferences: [{spread: node.labels.zone}]}',
      ].join('\n'),
    );
    expect(s).toMatchObject({
      stopGracePeriodMs: 90_000,
      shmSizeBytes: 268_435_456,
      memLimitBytes: 1_073_741_824,
      cpus: 0.25,
      healthcheck: {
        test: { kind: 'exec', argv: ['curl', '-f', 'http://localhost/'] },
        intervalMs: 10_000,
        timeoutMs: 2_000,
        retries: 5,
        startPeriodMs: 60_000,
        startIntervalMs: 500,
        disable: false,
      },
      deploy: {
        replicas: 3,
        limits: { cpus: 1.5, millicores: 1500, memoryBytes: 536_870_912 },
        reservations: { cpus: 0.0015, millicores: 2, memoryBytes: 134_217_728 },
        updateConfig: { parallelism: 1, delayMs: 10_000, order: 'start-first' },
        restartPolicy: { condition: 'on-failure', maxAttempts: 3, windowMs: 120_000 },
        placement: { constraints: ['node.role==worker'], preferences: ['node.labels.zone'] },
      },
    });
  });

  test.each([
    ['test: "pg_isready -U app"', { kind: 'shell', command: 'pg_isready -U app' }, false],
    ['test: ["CMD-SHELL", "redis-cli ping"]', { kind: 'shell', command: 'redis-cli ping' }, false],
    ['test: ["NONE"]', { kind: 'none' }, true],
    ['disable: true', undefined, true],
  ])('healthcheck %s', (line, test, disable) => {
    const s = service(`services:\n  db:\n    image: postgres\n    healthcheck:\n      ${line}\n`);
    expect(s.healthcheck?.test).toEqual(test);
    expect(s.healthcheck?.disable).toBe(disable);
  });

  test('ports, volumes, env files and references are typed and positioned at their entries', () => {
    const s = service(
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    ports: ["127.0.0.1:8080:80/tcp", {target: 443, published: 8443, name: https, app_protocol: https}]',
        '    volumes:',
        '      - ./nginx.conf:/etc/nginx/nginx.conf:ro',
        '      - type: tmpfs',
        '        target: /var/cache/nginx',
        '        tmpfs: {size: 64m, mode: 1777}',
        '    env_file: [.env]',
        '    secrets: [{source: tls, target: /run/tls.key, mode: 0o400}]',
        '    extra_hosts: ["db:10.0.0.2"]',
        '    depends_on:',
        '      api: {condition: service_healthy, restart: true}',
      ].join('\n') + '\n  api:\n    image: api\nsecrets:\n  tls:\n    file: tls.key\n',
    );
    expect(s.ports).toEqual([
      { target: 80, published: '8080', hostIp: '127.0.0.1', protocol: 'tcp', mode: 'ingress', pos: expect.objectContaining({ line: 4, column: 13 }) },
      { target: 443, published: '8443', protocol: 'tcp', mode: 'ingress', name: 'https', appProtocol: 'https', pos: expect.objectContaining({ line: 4, column: 38 }) },
    ]);
    expect(s.volumes).toEqual([
      expect.objectContaining({ type: 'bind', source: '/srv/shop/nginx.conf', readOnly: true, createHostPath: false, pos: expect.objectContaining({ line: 6 }) }),
      expect.objectContaining({ type: 'tmpfs', target: '/var/cache/nginx', tmpfsSizeBytes: 67_108_864, tmpfsMode: 1777, pos: expect.objectContaining({ line: 7 }) }),
    ]);
    expect(s.envFiles).toEqual([{ path: '/srv/shop/.env', required: true, pos: expect.objectContaining({ line: 10 }) }]);
    expect(s.secrets).toEqual([{ source: 'tls', target: '/run/tls.key', mode: 256, pos: expect.objectContaining({ line: 11 }) }]);
    expect(s.extraHosts).toEqual([{ host: 'db', ip: '10.0.0.2', pos: expect.objectContaining({ line: 12 }) }]);
    expect(s.dependsOn).toEqual({
      api: { condition: 'service_healthy', required: true, restart: true, pos: expect.objectContaining({ line: 14, column: 7 }) },
    });
  });

  test('every key the service sets has a position, including x- keys; nested keys are in positions', () => {
    const s = service('services:\n  web:\n    image: nginx\n    logging:\n      driver: json-file\n    x-webstack:\n      role: proxy\n');
    expect(s.keyPositions).toEqual({
      image: { file: 'compose.yaml', line: 3, column: 5 },
      logging: { file: 'compose.yaml', line: 4, column: 5 },
      'x-webstack': { file: 'compose.yaml', line: 6, column: 5 },
      // synthesized by normalize (the default network), positioned at the service's map
      networks: { file: 'compose.yaml', line: 3, column: 5 },
    });
    expect(s.positions['logging.driver']).toEqual({ file: 'compose.yaml', line: 5, column: 7 });
    expect(s.webstack).toEqual({ role: 'proxy' });
    expect(s.extensions).toEqual({ 'x-webstack': { role: 'proxy' } });
    expect(s.logging).toEqual({ driver: 'json-file', options: {} });
  });

  test('environment keeps null for valueless keys; lists default to empty', () => {
    const s = service('services:\n  web:\n    image: nginx\n    environment: [DEBUG=1, SECRET_KEY]\n');
    expect(s.environment).toEqual({ DEBUG: '1', SECRET_KEY: null });
    expect(s).toMatchObject({ ports: [], volumes: [], capAdd: [], labels: {}, profiles: [], networks: { default: { aliases: [] } } });
    expect(s.command).toBeUndefined();
  });

  test('top-level resources carry runtime names and sources, never contents', () => {
    const p = project(
      'name: shop\nservices:\n  web:\n    image: nginx\n    volumes: [data:/data, shared:/shared]\n    secrets: [pw, token]\n    configs: [site]\nvolumes:\n  data:\n  shared:\n    external: true\nsecrets:\n  pw:\n    file: ./pw.txt\n  token:\n    environment: API_TOKEN\nconfigs:\n  site:\n    content: "hello"\nx-shared: 1\n',
    );
    expect(p.volumes).toEqual({
      data: { name: 'shop_data', external: false, driverOpts: {}, labels: {}, pos: expect.objectContaining({ line: 9 }) },
      shared: { name: 'shared', external: true, driverOpts: {}, labels: {}, pos: expect.objectContaining({ line: 10 }) },
    });
    expect(p.secrets.pw).toMatchObject({ name: 'shop_pw', file: '/srv/shop/pw.txt', external: false });
    expect(p.secrets.token).toMatchObject({ name: 'shop_token', environment: 'API_TOKEN' });
    expect(p.configs.site).toMatchObject({ content: 'hello' });
    expect(p.networks.default).toMatchObject({ name: 'shop_default', external: false, internal: false });
    expect(p.extensions).toEqual({ 'x-shared': 1 });
  });
});
