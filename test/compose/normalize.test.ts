import { at, PMap, toPlain } from '../../lib/compose/tree';
import { parseCompose } from '../../lib/compose/parse';
import { normalize } from '../../lib/compose/normalize';
import { parseShortPort } from '../../lib/compose/normalize/ports';
import { parseShortVolume } from '../../lib/compose/normalize/volumes';
import { shellSplit } from '../../lib/compose/normalize/command';

const OPTIONS = { workingDir: '/srv/shop', homeDir: '/home/dev' };

function parse(yaml: string): PMap {
  const parsed = parseCompose(yaml, 'compose.yaml');
  expect(parsed.diagnostics).toEqual([]);
  return parsed.result?.[0] as PMap;
}

function normalized(yaml: string) {
  const result = normalize(parse(yaml), OPTIONS);
  return { ...result, plain: toPlain(result.tree) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('ports', () => {
  test.each([
    ['"8080:80"', [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]],
    ['80', [{ mode: 'ingress', target: 80, protocol: 'tcp' }]],
    ['"127.0.0.1:5432:5432/udp"', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 5432, published: '5432', protocol: 'udp' }]],
    ['"[::1]:8080:80"', [{ mode: 'ingress', host_ip: '::1', target: 80, published: '8080', protocol: 'tcp' }]],
    ['"127.0.0.1::80"', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, protocol: 'tcp' }]],
    [
      '"3000-3001"',
      [
        { mode: 'ingress', target: 3000, protocol: 'tcp' },
        { mode: 'ingress', target: 3001, protocol: 'tcp' },
      ],
    ],
    [
      '"9000-9001:3000-3001"',
      [
        { mode: 'ingress', target: 3000, published: '9000', protocol: 'tcp' },
        { mode: 'ingress', target: 3001, published: '9001', protocol: 'tcp' },
      ],
    ],
    ['"9000-9005:80"', [{ mode: 'ingress', target: 80, published: '9000-9005', protocol: 'tcp' }]],
    ['{target: "80", published: 8081}', [{ target: 80, published: '8081', mode: 'ingress', protocol: 'tcp' }]],
  ])('%s', (port, expected) => {
    const { plain, diagnostics } = normalized(`services:\n  web:\n    image: nginx\n    ports:\n      - ${port}\n`);
    expect(diagnostics).toEqual([]);
    expect(plain.services.web.ports).toEqual(expected);
  });

  test('the long form keeps the position of the short entry it came from', () => {
    const { tree } = normalized('services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n');
    expect(at(tree, 'services.web.ports.0.target')?.pos).toMatchObject({ line: 5, column: 9 });
  });

  test.each(['"80:81:82:83x"', '"9000-9002:3000-3001"', '"abc"', '"70000"'])('fails on %s with port-invalid', (port) => {
    const { diagnostics } = normalized(`services:\n  web:\n    image: nginx\n    ports:\n      - ${port}\n`);
    expect(diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column])).toEqual([['port-invalid', 5, 9]]);
  });

  test('parseShortPort rejects a protocol-only suffix', () => {
    expect(parseShortPort('80/')).toBeUndefined();
  });
});

describe('volumes', () => {
  test.each([
    ['./conf:/etc/nginx/:ro', { type: 'bind', source: '/srv/shop/conf', target: '/etc/nginx', read_only: true, bind: {} }],
    ['~/data:/data', { type: 'bind', source: '/home/dev/data', target: '/data', bind: {} }],
    ['/var/log:/log:rw,rshared', { type: 'bind', source: '/var/log', target: '/log', bind: { propagation: 'rshared' } }],
    ['db-data:/var/lib/postgresql/data', { type: 'volume', source: 'db-data', target: '/var/lib/postgresql/data', volume: {} }],
    ['cache:/cache:nocopy', { type: 'volume', source: 'cache', target: '/cache', volume: { nocopy: true } }],
    ['/anonymous', { type: 'volume', target: '/anonymous', volume: {} }],
  ])('%s', (spec, expected) => {
    const { plain, diagnostics } = normalized(`services:\n  web:\n    image: nginx\n    volumes:\n      - ${spec}\n`);
    expect(diagnostics).toEqual([]);
    expect(plain.services.web.volumes).toEqual([expected]);
  });

  test('a long-form bind source resolves against the project directory; the target is cleaned; read_only is cast', () => {
    const { plain } = normalized(
      'services:\n  web:\n    image: nginx\n    volumes:\n      - type: bind\n        source: ./site\n        target: /usr/share/nginx/html/\n        read_only: "yes"\n',
    );
    expect(plain.services.web.volumes).toEqual([
      { type: 'bind', source: '/srv/shop/site', target: '/usr/share/nginx/html', read_only: true },
    ]);
  });

  test('a Windows drive letter stays inside the source', () => {
    expect(parseShortVolume('C:\\data:/data:ro')).toMatchObject({ source: 'C:\\data', target: '/data', readOnly: true });
  });

  test('fails on an empty section with volume-invalid', () => {
    const { diagnostics } = normalized('services:\n  web:\n    image: nginx\n    volumes:\n      - "data::/b"\n');
    expect(diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column])).toEqual([['volume-invalid', 5, 9]]);
  });
});

describe('environment, labels and lists', () => {
  test('list and map forms become one map; a bare key is null, scalars become strings', () => {
    const { plain } = normalized(
      'services:\n  a:\n    image: x\n    environment: [A=1, B, C=x=y]\n  b:\n    image: x\n    environment: {A: 1, B: , C: true}\n',
    );
    expect(plain.services.a.environment).toEqual({ A: '1', B: null, C: 'x=y' });
    expect(plain.services.b.environment).toEqual({ A: '1', B: null, C: 'true' });
  });

  test('a bare label is an empty string', () => {
    expect(normalized('services:\n  a:\n    image: x\n    labels: [traefik.enable=true, bare]\n').plain.services.a.labels).toEqual({
      'traefik.enable': 'true',
      bare: '',
    });
  });

  test('fails on an entry without a key', () => {
    const { diagnostics } = normalized('services:\n  a:\n    image: x\n    environment:\n      - =oops\n');
    expect(diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column])).toEqual([['environment-invalid', 5, 9]]);
  });

  test('extra_hosts list and map forms print as host=ip', () => {
    const { plain } = normalized(
      'services:\n  a:\n    image: x\n    extra_hosts: ["db:10.0.0.2", "v6=::1"]\n  b:\n    image: x\n    extra_hosts: {db: 10.0.0.3}\n',
    );
    expect(plain.services.a.extra_hosts).toEqual(['db=10.0.0.2', 'v6=::1']);
    expect(plain.services.b.extra_hosts).toEqual(['db=10.0.0.3']);
  });

  test('string-or-list keys become lists; expose numbers become strings', () => {
    const { plain } = normalized('services:\n  a:\n    image: x\n    dns: 8.8.8.8\n    tmpfs: /run\n    expose: [8000, "9000"]\n');
    expect(plain.services.a).toMatchObject({ dns: ['8.8.8.8'], tmpfs: ['/run'], expose: ['8000', '9000'] });
  });

  test('env_file forms become [{path, required}] with absolute paths', () => {
    const { plain } = normalized(
      'services:\n  a:\n    image: x\n    env_file: .env\n  b:\n    image: x\n    env_file:\n      - common.env\n      - path: ./local.env\n        required: false\n        format: raw\n',
    );
    expect(plain.services.a.env_file).toEqual([{ path: '/srv/shop/.env', required: true }]);
    expect(plain.services.b.env_file).toEqual([
      { path: '/srv/shop/common.env', required: true },
      { path: '/srv/shop/local.env', required: false, format: 'raw' },
    ]);
  });
});

describe('depends_on, networks, secrets, build, commands', () => {
  test('a deploy block gets the empty resources and placement compose-go prints', () => {
    expect(normalized('services:\n  a:\n    image: x\n    deploy: {replicas: 2}\n').plain.services.a.deploy).toEqual({
      replicas: 2,
      resources: {},
      placement: {},
    });
  });

  test('depends_on list and partial maps get compose-go defaults', () => {
    const { plain } = normalized(
      'services:\n  a:\n    image: x\n    depends_on: [db]\n  b:\n    image: x\n    depends_on:\n      db: {condition: service_healthy, restart: true}\n  db:\n    image: postgres\n',
    );
    expect(plain.services.a.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(plain.services.b.depends_on).toEqual({ db: { condition: 'service_healthy', restart: true, required: true } });
  });

  test('services without networks join default; used top-level resources get runtime names, unused ones go', () => {
    const { plain } = normalized(
      'version: "3.8"\nservices:\n  a:\n    image: x\n    volumes: [data:/data]\n  b:\n    image: x\n    networks: [back, ext]\n  c:\n    image: x\n    network_mode: host\nnetworks:\n  back:\n  ext:\n    external: true\n  unused:\nvolumes:\n  data:\n  unused:\nsecrets:\n  unused:\n    file: x\n',
    );
    expect(plain.version).toBeUndefined();
    expect(plain.secrets).toBeUndefined();
    expect(plain.name).toBe('shop');
    expect(plain.services.a.networks).toEqual({ default: null });
    expect(plain.services.b.networks).toEqual({ back: null, ext: null });
    expect(plain.services.c.networks).toBeUndefined();
    expect(plain.networks).toEqual({
      back: { name: 'shop_back', ipam: {} },
      ext: { external: true, name: 'ext', ipam: {} },
      default: { name: 'shop_default', ipam: {} },
    });
    expect(plain.volumes).toEqual({ data: { name: 'shop_data' } });
  });

  test('secret and config references become {source}, secrets with the default target; top-level files resolve', () => {
    const { plain } = normalized(
      'services:\n  a:\n    image: x\n    secrets: [db_password, {source: api, target: /run/api}]\nsecrets:\n  db_password:\n    file: ./db/password.txt\n  api:\n    environment: API_TOKEN\n',
    );
    expect(plain.services.a.secrets).toEqual([
      { source: 'db_password', target: '/run/secrets/db_password' },
      { source: 'api', target: '/run/api' },
    ]);
    expect(plain.secrets.db_password).toEqual({ file: '/srv/shop/db/password.txt', name: 'shop_db_password' });
  });

  test('build string and map forms get an absolute context and the default Dockerfile', () => {
    const { plain } = normalized(
      'services:\n  a:\n    build: ./app\n  b:\n    build:\n      context: https://github.com/x/y.git\n      args: [VERSION=1, DEBUG]\n',
    );
    expect(plain.services.a.build).toEqual({ context: '/srv/shop/app', dockerfile: 'Dockerfile' });
    expect(plain.services.b.build).toEqual({
      context: 'https://github.com/x/y.git',
      args: { VERSION: '1', DEBUG: null },
      dockerfile: 'Dockerfile',
    });
  });

  test('command strings split like a shell; healthcheck strings run in a shell', () => {
    const { plain } = normalized(
      'services:\n  a:\n    image: x\n    command: celery -A "my app" worker --loglevel=\'info debug\'\n    healthcheck:\n      test: curl -f http://localhost/ || exit 1\n',
    );
    expect(plain.services.a.command).toEqual(['celery', '-A', 'my app', 'worker', '--loglevel=info debug']);
    expect(plain.services.a.healthcheck.test).toEqual(['CMD-SHELL', 'curl -f http://localhost/ || exit 1']);
  });

  test.each([
    ['a\\ b "c\\"d" \'e\\f\'', ['a b', 'c"d', 'e\\f']],
    ['  spaced   out ', ['spaced', 'out']],
    ['empty "" arg', ['empty', '', 'arg']],
  ])('shellSplit(%s)', (input, argv) => {
    expect(shellSplit(input)).toEqual(argv);
  });

  test('fails on an unterminated quote with command-invalid', () => {
    const { diagnostics } = normalized('services:\n  a:\n    image: x\n    command: echo "oops\n');
    expect(diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column])).toEqual([['command-invalid', 4, 14]]);
  });
});

describe('casting and units', () => {
  test('strings in number and boolean fields are cast; durations and sizes print as compose-go does', () => {
    const { plain, diagnostics } = normalized(
      [
        'services:',
        '  a:',
        '    image: x',
        '    read_only: "true"',
        '    privileged: "off"',
        '    cpus: "0.5"',
        '    shm_size: 256m',
        '    stop_grace_period: 90s',
        '    ulimits: {nofile: {soft: "1024", hard: "2048"}, nproc: "512"}',
        '    healthcheck: {test: [CMD, true], interval: 1m, timeout: 1500ms, retries: "5", start_period: 3600s}',
        '    deploy:',
        '      replicas: "3"',
        '      resources: {limits: {cpus: "1.5", memory: 1.5gb}}',
        '      restart_policy: {delay: 5s, max_attempts: "2"}',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(plain.services.a).toMatchObject({
      read_only: true,
      cpus: 0.5,
      shm_size: '268435456',
      stop_grace_period: '1m30s',
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 512 },
      healthcheck: { interval: '1m0s', timeout: '1.5s', retries: 5, start_period: '1h0m0s' },
      deploy: { replicas: 3, resources: { limits: { cpus: 1.5, memory: '1610612736' } }, restart_policy: { delay: '5s', max_attempts: 2 } },
    });
  });

  test('a false default flag is dropped, as compose-go omits it; an empty depends_on too', () => {
    const { plain } = normalized(
      'services:\n  a:\n    image: x\n    privileged: "off"\n    init: false\n    depends_on: {}\n    volumes: [{type: volume, source: v, target: /v, read_only: "false"}]\nvolumes:\n  v:\n',
    );
    expect(plain.services.a).not.toHaveProperty('privileged');
    expect(plain.services.a).not.toHaveProperty('depends_on');
    expect(plain.services.a.init).toBe(false);
    expect(plain.services.a.volumes).toEqual([{ type: 'volume', source: 'v', target: '/v' }]);
  });

  test.each([
    ['read_only: maybe', 'cast-invalid', 4, 16],
    ['deploy: {replicas: "two"}', 'cast-invalid', 4, 24],
    ['stop_grace_period: soon', 'duration-invalid', 4, 24],
    ['mem_limit: lots', 'bytes-invalid', 4, 16],
  ])('fails on %s with %s', (line, code, lineNo, column) => {
    const { diagnostics } = normalized(`services:\n  a:\n    image: x\n    ${line}\n`);
    expect(diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column])).toEqual([[code, lineNo, column]]);
  });
});
