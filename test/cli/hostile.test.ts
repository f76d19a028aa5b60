/**
 * Issue 9: bad and hostile inputs, as a careless user and an attacker would write them. Every one must end in
 * exit 0 or 1 (2 is a converter bug), quickly, with every error at file:line:column, with no planted secret in
 * anything written, and with nothing touched outside the output directory.
 *
 * The planted secrets are this test's own: random-looking values under secret names, which the assertions look
 * for in the output without asking the converter what it considers secret.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { treeOf } from '../support/tree';

/** Values planted in inputs; none may appear in any output. */
const PLANTED = {
  password: 'Pl4nted-Passw0rd-7f3a9c',
  token: 'pl4ntedT0kenQx81Lm2Zp9Wv',
  urlPassword: 'pl4nted/url+pw=77',
  apiKey: 'AKpl4nted9d8f7g6h5j4k3l2m1n0',
  fileSecret: 'pl4nted-file-content-4e2b',
  pem: 'MIIEpl4ntedPEMbody0123456789',
} as const;

/** One bad input: a compose file (and other files), extra argv, and optionally the code it must produce. */
interface Hostile {
  readonly name: string;
  readonly compose?: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly argv?: readonly string[];
  /** An error code that must be among the diagnostics (the input is refused for this reason). */
  readonly error?: string;
  /** The run must succeed (exit 0): the input is odd but convertible. */
  readonly converts?: boolean;
}

const svc = (body: string, extra = ''): string => `services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    user: "10001:10001"\n    expose: [8080]\n${body}${extra}`;
const line = (key: string, value: string): string => `    ${key}: ${value}\n`;

const IMAGES = ['a:b:c:d', 'acme/:1.0', 'Acme/Web:1.0', 'web: 1.0', 'web@sha256:abc', 'web:', ':1.0', 'a//b:1', 'web:1.0 ', '-web:1', 'web:-1', 'web:' + 'x'.repeat(200), 'WEB', 'web@@sha256:' + 'a'.repeat(64), 'http://registry/web:1'];
const EXPOSE = ['0', '65536', '0.0001', '100000000000000000000', '"1-65535"', '"80-70"', '"abc"', '"8080/icmp"', '"8080/"', '-1', '"1e3"', '"8080-"', '"-8080"', '"8080/tcp/udp"', '"99999-100000"'];
const PORTS = ['"0:0"', '"1-65535:1-65535"', '"8080/icmp"', '"x:80"', '"80:x"', '"1.2.3.4::"', '"[::1]:80:80:80"', '{target: 0}', '{target: 70000}', '{target: 80, protocol: gre}'];
const RESOURCES = [
  ['cpus', '1e23'], ['cpus', '-1'], ['cpus', '0'], ['cpus', '"NaN"'], ['mem_limit', '-5m'], ['mem_limit', '99999999g'], ['mem_reservation', '0'],
  ['deploy', '{resources: {limits: {cpus: "1e30"}}}'], ['deploy', '{resources: {limits: {memory: "0"}}}'], ['deploy', '{resources: {reservations: {cpus: "-2"}}}'],
  ['deploy', '{replicas: 99999999999}'], ['deploy', '{replicas: -1}'], ['deploy', '{replicas: 1.5}'], ['scale', '99999999999'], ['pids_limit', '-1'],
] as const;
const USERS = ['"99999999999:1"', '"1:99999999999"', 'root', '"0:0"', '"0"', '"nobody:nogroup"', '"-1"', '"1:-1"', '""', '"a:b:c"'];
const XWEBSTACK = [
  '{replicas: 99999999999}', '{replicas: 0}', '{replicas: "2"}', '{autoscaling: {min: 5, max: 2}}', '{autoscaling: {max: 99999999999}}', '{uid: 0}',
  '{uid: 99999999999}', '{role: database}', '{unknown: 1}', '{storage: {size: "lots"}}', '{probes: {liveness: "no-slash"}}', '{image: "Bad Image"}',
  '{ingress: {host: ""}}', '{storage: {access_mode: Sideways}}', '[1, 2]',
];
const YAML_DOCS = [
  'x: &a [*a]\nservices: {web: {image: "a/b:1"}}\n',
  'x: &a {b: 1, <<: *a}\nservices: {web: {image: "a/b:1"}}\n',
  'services:\n  web: {image: "a/b:1", image: "a/c:1"}\n',
  'services: [a, b]\n',
  '- just\n- a list\n',
  '"a string"\n',
  'services:\n  web:\n    image: "a/b:1\n',
  'services:\n  web: !custom {image: "a/b:1"}\n',
  'services:\n  80: {image: "a/b:1"}\n',
  'services:\n  web: {image: "a/b:1", <<: 5}\n',
  '\t services: {}\n',
  'services: {}\n',
  '---\n---\n',
  '~\n',
  'services:\n  web:\n    <<: *nowhere\n',
  ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(',')}]`), 'services: {web: {image: "a/b:1"}}'].join('\n'),
];
const INTERPOLATION = [
  '"${"', '"${}"', '"${A:?must be set}"', '"${A:x}"', '"${1A}"', `"${'${A:-'.repeat(5000)}x${'}'.repeat(5000)}"`, '"${A-${B-${C-${D}}}}"', '"$"', '"${A:?}"', '"${ A }"',
];
const VOLUMES = [
  '["/var/run/docker.sock:/var/run/docker.sock"]', '["/proc:/host/proc:ro"]', '["/:/host"]', '["/etc/shadow:/etc/shadow:ro"]', '["data:relative/path"]',
  '["./missing:/data"]', '["~/.config/app:/config"]', '["../outside:/data"]', '[{type: bind, source: /dev/null, target: /x}]', '[{type: npipe, source: x, target: /x}]',
  '["::"]', '[":/x"]', '["a:b:c:d"]', '[{type: volume, target: "/data", source: ""}]', '[{type: tmpfs, target: /t, tmpfs: {size: -1}}]',
];
const HEALTHCHECKS = [
  '{test: [CMD]}', '{test: []}', '{test: ""}', '{test: [CMD-SHELL]}', '{test: [NONE]}', '{interval: 5s}', '{test: [CMD, true], interval: -5s}', '{test: [CMD, true], retries: -1}',
  '{test: [CMD, true], timeout: 0s}', '{test: [CMD, true], interval: 0.001s}', '{test: "curl -f http://localhost:99999/"}', '{test: [BOGUS, x]}',
];
const NAMES = ['default-deny', 'allow-dns', '1web', '---', 'a_b', 'Web', 'x'.repeat(80), 'quota', 'limits', 'web.api'];
const MISC = [
  line('cap_add', '[SYS_ADMIN]'), line('cap_add', '[ALL]'), line('privileged', 'true'), line('network_mode', 'host'), line('pid', 'host'), line('ipc', 'host'),
  line('sysctls', '{kernel.panic: 1}'), line('security_opt', '["seccomp=unconfined"]'), line('devices', '["/dev/sda:/dev/sda"]'), line('volumes_from', '[other]'),
  line('depends_on', '[web]'), line('depends_on', '[nowhere]'), line('links', '["nowhere:alias"]'), line('extra_hosts', '["bad entry"]'), line('dns', '[8.8.8.8]'),
  line('platform', 'windows/amd64'), line('group_add', '[wheel]'), line('stop_signal', 'SIGWHAT'), line('restart', 'sometimes'), line('deploy', '{mode: global}'),
  line('ulimits', '{nofile: -1}'), line('entrypoint', '[]'), line('command', '""'), line('working_dir', 'relative/dir'), line('labels', '["=nokey"]'),
];

/** Secrets planted where Compose lets them travel: each must stay out of every output. */
const PLANTED_SECRETS: readonly Hostile[] = [
  { name: 'secret in a command, interpolated', files: { '.env': `DB_PASSWORD=${PLANTED.password}\n` }, compose: svc(line('command', '["app", "--db-pass=${DB_PASSWORD}"]')), converts: true },
  { name: 'secret in an entrypoint', files: { '.env': `API_TOKEN=${PLANTED.token}\n` }, compose: svc(line('entrypoint', '["run", "-t", "${API_TOKEN}"]')), converts: true },
  { name: 'mysqladmin -p in a healthcheck', files: { '.env': `MYSQL_ROOT_PASSWORD=${PLANTED.password}\n` }, compose: svc(line('healthcheck', '{test: ["CMD", "mysqladmin", "ping", "-p${MYSQL_ROOT_PASSWORD}"]}')), converts: true },
  { name: 'secret in a CMD-SHELL healthcheck', files: { '.env': `REDIS_PASSWORD=${PLANTED.password}\n` }, compose: svc(line('healthcheck', '{test: "redis-cli -a ${REDIS_PASSWORD} ping"}')), converts: true },
  { name: 'shell command in a variable name', compose: svc(line('environment', '{"X$(touch /tmp/pwned)_PASSWORD": some-value-1}')), converts: true },
  { name: 'variable name with a space', compose: svc(line('environment', '{"MY VAR": "1"}')), converts: true },
  { name: 'secret in working_dir', files: { '.env': `SECRET_DIR=${PLANTED.token}\n` }, compose: svc(line('working_dir', '/srv/${SECRET_DIR}')), error: 'secret-in-output' },
  { name: 'secret in extra_hosts', files: { '.env': `HOST_TOKEN=${PLANTED.token}\n` }, compose: svc(line('extra_hosts', '["${HOST_TOKEN}:10.0.0.1"]')) },
  { name: 'secret in a label', files: { '.env': `LABEL_SECRET=${PLANTED.token}\n` }, compose: svc(line('labels', '{note: "${LABEL_SECRET}"}')) },
  { name: 'secret in configs.content', files: { '.env': `APP_SECRET=${PLANTED.password}\n` }, compose: `${svc(line('configs', '[app]'))}configs:\n  app:\n    content: "secret=\${APP_SECRET}"\n`, error: 'secret-in-output' },
  { name: 'secret in a bind-mount source (a claim named after it)', files: { '.env': `SECRET_DIR=${PLANTED.token}\n` }, compose: svc(line('volumes', '["./${SECRET_DIR}:/data"]')), error: 'secret-in-output' },
  { name: 'secret in a named volume\'s name', files: { '.env': `VOLUME_SECRET=${PLANTED.token}\n` }, compose: `${svc(line('volumes', '["data:/data"]'))}volumes:\n  data:\n    name: "v-\${VOLUME_SECRET}"\n` },
  { name: 'secret in a config file\'s name', files: { '.env': `FILE_SECRET=${PLANTED.token}\n`, [`${PLANTED.token}.conf`]: 'a = 1\n' }, compose: svc(line('volumes', '["./${FILE_SECRET}.conf:/etc/app.conf:ro"]')) },
  { name: 'secret value under a plain name', compose: svc(line('environment', `{DB_PASSWORD: ${PLANTED.password}, GREETING: ${PLANTED.password}}`)), converts: true },
  { name: 'a *PASSPHRASE name', compose: svc(line('environment', `{GPG_PASSPHRASE: ${PLANTED.password}}`)), converts: true },
  { name: 'a DB_PW name', compose: svc(line('environment', `{DB_PW: ${PLANTED.password}}`)), converts: true },
  { name: 'a BASIC_AUTH name', compose: svc(line('environment', `{BASIC_AUTH: "user:${PLANTED.password}"}`)), converts: true },
  { name: 'an HTPASSWD name', compose: svc(line('environment', `{HTPASSWD_ENTRY: ${PLANTED.password}}`)), converts: true },
  { name: 'a *SIGNER name', compose: svc(line('environment', `{JWT_SIGNER: ${PLANTED.token}}`)), converts: true },
  { name: 'a PRIVATE_PEM name', compose: svc(line('environment', `{PRIVATE_PEM: ${PLANTED.pem}}`)), converts: true },
  { name: 'a URL password with a slash', compose: svc(line('environment', `{DATABASE: "postgres://app:${PLANTED.urlPassword}@db/app"}`)), converts: true },
  { name: 'a random key under an innocent name', compose: svc(line('environment', `{SETTING_B: ${PLANTED.apiKey}}`)), converts: true },
  { name: 'a PEM block under an innocent name', compose: svc(line('environment', `{CERT_BODY: "-----BEGIN RSA PRIVATE KEY-----${PLANTED.pem}"}`)), converts: true },
  { name: 'a config file holding password=', files: { 'app.ini': `[db]\npassword = ${PLANTED.password}\n` }, compose: svc(line('volumes', '["./app.ini:/etc/app.ini:ro"]')), converts: true },
  { name: 'a config file holding a secret from the env file', files: { 'init.sql': `CREATE USER x WITH PASSWORD '${PLANTED.password}';\n`, '.env': `DB_PASSWORD=${PLANTED.password}\n` }, compose: svc(line('environment', '{DB_PASSWORD: "${DB_PASSWORD}"}'), line('volumes', '["./init.sql:/docker-entrypoint-initdb.d/init.sql:ro"]')), converts: true },
  { name: 'a secret file mounted as a secret', files: { 'db.txt': PLANTED.fileSecret }, compose: `${svc(line('secrets', '[db]'))}secrets:\n  db:\n    file: ./db.txt\n`, converts: true },
  { name: 'a secret in an env_file', files: { 'app.env': `SECRET_KEY=${PLANTED.token}\nPLAIN=1\n` }, compose: svc(line('env_file', '[app.env]')), converts: true },
];

/** Files from outside the project, by every route the Compose file offers. */
const OUTSIDE: readonly Hostile[] = [
  { name: 'env_file /proc/self/environ', compose: svc(line('env_file', '[/proc/self/environ]')), error: 'file-refused' },
  { name: 'configs file /etc/passwd', compose: `${svc(line('configs', '[c]'))}configs:\n  c:\n    file: /etc/passwd\n`, error: 'file-refused' },
  { name: 'configs file ../../outside', compose: `${svc(line('configs', '[c]'))}configs:\n  c:\n    file: ../../outside.txt\n`, files: { '../../outside.txt': PLANTED.token } },
  { name: 'label_file outside', compose: svc(line('label_file', '[/etc/hostname]')), error: 'file-refused' },
  { name: 'include /etc/shadow', compose: `include: [/etc/shadow]\n${svc('')}`, error: 'file-refused' },
  { name: 'extends a file outside', compose: svc(line('extends', '{file: /etc/hostname, service: web}')), error: 'file-refused' },
  { name: 'an include that is not a Compose file', files: { 'notes.txt': 'hello: [unclosed\n' }, compose: `include: [notes.txt]\n${svc('')}` },
  { name: 'an env_file that is a directory', files: { 'envdir/x': 'A=1' }, compose: svc(line('env_file', '[envdir]')) },
  { name: 'a missing include', compose: `include: [nowhere.yaml]\n${svc('')}`, error: 'file-not-found' },
  { name: 'a missing extends file', compose: svc(line('extends', '{file: nowhere.yaml, service: web}')), error: 'file-not-found' },
  { name: 'an extends cycle', compose: 'services:\n  a: {image: "a/b:1", extends: b}\n  b: {image: "a/b:1", extends: a}\n' },
];

/** Careless flags. */
const FLAGS: readonly Hostile[] = [
  { name: '-o .', compose: svc(''), argv: ['-o', '.'], error: 'output-dir' },
  { name: '-o compose.yaml', compose: svc(''), argv: ['-f', 'compose.yaml', '-o', 'compose.yaml'], error: 'output-dir' },
  { name: '-o /', compose: svc(''), argv: ['-o', '/'], error: 'output-dir' },
  { name: '-o ..', compose: svc(''), argv: ['-o', '..'], error: 'output-dir' },
  { name: '-o /proc/x', compose: svc(''), argv: ['-o', '/proc/x'], error: 'output-dir' },
  { name: '-o file/x', compose: svc(''), files: { 'file': 'x' }, argv: ['-o', 'file/x'], error: 'output-dir' },
  { name: '-o over an SPA build', compose: svc(''), files: { 'dist/index.html': '<html>' }, argv: ['-o', 'dist'], error: 'output-dir' },
  { name: '-n kube-system', compose: svc(''), argv: ['-n', 'kube-system'] },
  { name: '-n default', compose: svc(''), argv: ['-n', 'default'] },
  { name: 'a project named default', compose: `name: default\n${svc('')}`, error: 'namespace-reserved' },
  { name: '--image with spaces', compose: svc(''), argv: ['--image', 'web=bad image:1'] },
  { name: '--image with a bad digest', compose: svc(''), argv: ['--image', 'web=web@sha256:xyz'] },
  { name: '--image for no such service', compose: svc(''), argv: ['--image', 'nope=a/b:1'], error: 'image-override-unknown' },
  { name: 'a missing --env-file', compose: svc(''), argv: ['--env-file', 'missing.env'], error: 'file-not-found' },
  { name: 'an unknown service selected', compose: svc(''), argv: ['nope'], error: 'service-unknown' },
  { name: 'a file as a service', compose: svc(''), argv: ['compose.yaml'] },
  { name: 'no compose file at all', argv: [], error: 'compose-file-not-found' },
  { name: 'an empty compose file', compose: '', error: 'compose-empty' },
  { name: 'a comment-only compose file', compose: '# nothing\n', error: 'compose-empty' },
];

const CASES: readonly Hostile[] = [
  ...IMAGES.map((image) => ({ name: `image ${JSON.stringify(image)}`, compose: `services:\n  web:\n    image: ${JSON.stringify(image)}\n    user: "1:1"\n` })),
  ...EXPOSE.map((value) => ({ name: `expose ${value}`, compose: svc(line('expose', `[${value}]`)).replace('    expose: [8080]\n', '') })),
  ...PORTS.map((value) => ({ name: `ports ${value}`, compose: svc(line('ports', `[${value}]`)) })),
  ...RESOURCES.map(([key, value]) => ({ name: `${key} ${value}`, compose: svc(line(key, value)) })),
  ...USERS.map((user) => ({ name: `user ${user}`, compose: svc('').replace('user: "10001:10001"', `user: ${user}`) })),
  ...XWEBSTACK.map((block) => ({ name: `x-webstack ${block}`, compose: svc(line('x-webstack', block)) })),
  ...YAML_DOCS.map((doc, i) => ({ name: `yaml #${i + 1} ${JSON.stringify(doc.slice(0, 40))}`, compose: doc })),
  ...INTERPOLATION.map((value) => ({ name: `interpolation ${value.slice(0, 40)}`, compose: svc(line('environment', `{A: ${value}}`)) })),
  ...VOLUMES.map((value) => ({ name: `volumes ${value}`, compose: `${svc(line('volumes', value))}volumes: {data: {}}\n` })),
  ...HEALTHCHECKS.map((value) => ({ name: `healthcheck ${value}`, compose: svc(line('healthcheck', value)) })),
  ...NAMES.map((name) => ({ name: `service named ${name.slice(0, 20)}`, compose: svc('').replace('  web:\n', `  ${JSON.stringify(name)}:\n`) })),
  ...MISC.map((body) => ({ name: `key ${body.trim().slice(0, 50)}`, compose: svc(body) })),
  ...PLANTED_SECRETS,
  ...OUTSIDE,
  ...FLAGS,
];

/** Diagnostics that are about the command line or the whole run, and so have no file position. */
const UNPOSITIONED = new Set(['output-dir', 'namespace-reserved', 'compose-file-not-found', 'file-not-found', 'image-override-unknown', 'service-unknown']);

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly written: string;
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-hostile-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));


function convertIn(c: Hostile, index: number): Ran {
  const base = path.join(root, `case-${index}`);
  const dir = path.join(base, 'a', 'b', 'project');
  fs.mkdirSync(dir, { recursive: true });
  if (c.compose !== undefined) fs.writeFileSync(path.join(dir, 'compose.yaml'), c.compose);
  for (const [name, content] of Object.entries(c.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  const before = treeOf(base);
  const out: string[] = [];
  const err: string[] = [];
  const started = Date.now();
  const argv = c.argv ?? ['-o', 'out'];
  const code = run(['convert', ...(argv.includes('-o') ? [] : ['-o', 'out']), ...argv], { cwd: dir, env: {}, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  const ms = Date.now() - started;
  const after = treeOf(base);
  // Nothing outside the output directory changed.
  const outDir = path.relative(base, path.join(dir, argv[argv.indexOf('-o') + 1] ?? 'out'));
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f] && !(f === outDir || f.startsWith(`${outDir}${path.sep}`)));
  expect({ case: c.name, changedOutsideOutput: changed }).toEqual({ case: c.name, changedOutsideOutput: [] });
  const written = Object.entries(after).filter(([f, content]) => before[f] !== content).map(([, content]) => content).join('\n');
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), ms, written };
}

describe('hostile and careless inputs', () => {
  test(`there are at least 150 distinct cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => JSON.stringify([c.compose, c.files, c.argv]))).size).toBe(CASES.length);
  });

  test.each(CASES.map((c, i) => [c.name, c, i] as const))('%s: exit 0 or 1, quickly, errors positioned, no planted secret, nothing outside the output touched', (_name, c, i) => {
    const ran = convertIn(c, i);
    if (ran.code === 2 || ran.stderr.includes('internal error')) throw new Error(`exit ${ran.code}: ${ran.stderr}`);
    expect([0, 1]).toContain(ran.code);
    expect(ran.ms).toBeLessThan(5000);
    const errors = [...ran.stderr.matchAll(/^(.*?)error\[([a-z0-9-]+)\]/gm)].map((m) => ({ where: m[1] as string, code: m[2] as string }));
    const unpositioned = errors.filter((e) => !/:\d+:\d+: $/.test(e.where) && !UNPOSITIONED.has(e.code));
    expect(unpositioned).toEqual([]);
    if (c.error) expect(errors.map((e) => e.code)).toContain(c.error);
    if (c.converts) expect({ code: ran.code, stderr: ran.code === 0 ? '' : ran.stderr }).toEqual({ code: 0, stderr: '' });
    if (ran.code !== 0) expect(ran.written).toBe('');
    // Lower case too: Kubernetes names are lower-cased DNS labels, which still carry a secret.
    const everything = `${ran.stdout}\n${ran.stderr}\n${ran.written}`.toLowerCase();
    expect(Object.values(PLANTED).filter((secret) => everything.includes(secret.toLowerCase()))).toEqual([]);
  });
});

describe('the real process', () => {
  const bin = path.join(__dirname, '..', '..', 'build', 'bin', 'webstack.js');
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm run build (scripts/test.sh does)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-process-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), svc(''));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const spawn = (...argv: string[]) => spawnSync(bin, ['convert', ...argv], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });

  test('--env-file reaches the CLI, not node (node 20 used to exit 9)', () => {
    const ran = spawn('--env-file', 'missing.env', '--stdout');
    expect({ status: ran.status, error: /error\[file-not-found\].*missing\.env/.test(ran.stderr) }).toEqual({ status: 1, error: true });
  });

  test.each([['-f'], ['--env-file']])('a FIFO given to %s is refused, not read forever', (flag) => {
    const fifo = path.join(dir, `fifo-${flag.replace(/-/g, '')}`);
    spawnSync('mkfifo', [fifo]);
    const ran = spawn(flag, fifo, ...(flag === '--env-file' ? ['-f', 'compose.yaml'] : []), '--stdout');
    expect(ran.error).toBeUndefined(); // no timeout
    expect({ status: ran.status, says: /not a regular file/.test(ran.stderr) }).toEqual({ status: 1, says: true });
  });

  test('exit 0 writes the manifests; exit 1 writes nothing', () => {
    expect(spawn('-o', 'ok').status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'ok')).sort()).toEqual(['.webstack-output', expect.stringMatching(/\.k8s\.yaml$/)]);
    expect(spawn('-o', 'refused', '--namespace', 'kube-system').status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'refused'))).toBe(false);
  });
});
