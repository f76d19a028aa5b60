/**
 * Our loader against compose-go on small inline projects that pin down the rules the corpus exercises only
 * sparsely: YAML merge keys, every interpolation form, override merging with !reset / !override, extends,
 * include, profiles, env files and the long/short syntax normalizations. Each project is written to a temporary
 * directory and loaded by both loaders exactly like a corpus case.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildComposeRef } from '../support/compose-ref';
import type { CorpusCase } from '../support/corpus';
import { compareCase, DifferentialReport } from './differential-compare';

/** A cold build fetches compose-go through the Go module proxy and compiles it (about 20-30 s on 2 cores). */
const BUILD_TIMEOUT_MS = 300_000;

interface InlineProject {
  readonly name: string;
  /** Files by path relative to the project directory. */
  readonly files: Readonly<Record<string, string>>;
  /** `-f` files in order. @default ['compose.yaml'] */
  readonly compose?: readonly string[];
  /** @default - none (the project's .env, if written) */
  readonly envFiles?: readonly string[];
  /** @default - none */
  readonly profiles?: readonly string[];
  /** Caller environment. @default - empty */
  readonly env?: Readonly<Record<string, string>>;
  /** compose-go rejects the project, so ours must report an error too. @default false */
  readonly invalid?: boolean;
}

const PROJECTS: readonly InlineProject[] = [
  {
    name: 'yaml-merge-keys',
    files: {
      'compose.yaml': `
x-base: &base
  restart: always
  environment: {A: "base", B: "base"}
x-more: &more
  user: "1000"
  environment: {B: "more", C: "more"}
services:
  web:
    <<: [*base, *more]
    image: nginx:1.27
  api:
    <<: *base
    image: python:3.12
    restart: "no"
`,
    },
  },
  {
    name: 'interpolation-forms',
    files: {
      '.env': 'SET=value\nEMPTY=\nQUOTED="a b"\nREF=${SET}-ref\n',
      'compose.yaml': `
services:
  web:
    image: "nginx:\${TAG:-1.27}"
    environment:
      DEFAULT_UNSET: \${UNSET:-d1}
      DEFAULT_UNSET_DASH: \${UNSET-d2}
      DEFAULT_EMPTY: \${EMPTY:-d3}
      DEFAULT_EMPTY_DASH: \${EMPTY-d4}
      ALT_SET: \${SET:+alt1}
      ALT_EMPTY: \${EMPTY:+alt2}
      ALT_EMPTY_PLUS: \${EMPTY+alt3}
      NESTED: \${UNSET:-\${SET}}
      DOLLAR: $$HOME
      BARE: $SET
      QUOTED: \${QUOTED}
      REF: \${REF}
      FROM_CALLER: \${CALLER}
`,
    },
    env: { CALLER: 'caller' },
  },
  {
    name: 'override-merge',
    files: {
      'compose.yaml': `
services:
  web:
    image: nginx:1.27
    command: ["nginx", "-g", "daemon off;"]
    ports: ["8080:80", "8443:443"]
    volumes: ["./html:/usr/share/nginx/html:ro", "data:/data"]
    environment: [A=1, B=2]
    labels: {tier: web}
    depends_on: [db]
    healthcheck: {test: ["CMD", "true"], interval: 10s}
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: x}
volumes:
  data: {}
`,
      'compose.override.yaml': `
services:
  web:
    command: nginx -g 'daemon off;' -c /etc/alt.conf
    ports: ["8080:8080"]
    volumes: ["./other:/usr/share/nginx/html"]
    environment: {B: "3", C: "4"}
    labels: !override {tier: edge}
    depends_on: !reset []
    healthcheck: {test: "curl -f http://localhost"}
  db:
    environment: !reset {}
`,
    },
    compose: ['compose.yaml', 'compose.override.yaml'],
  },
  {
    name: 'extends-and-include',
    files: {
      'common.yaml': `
services:
  base:
    image: python:3.12
    environment: {FROM_BASE: "1"}
    healthcheck: {test: ["CMD", "true"], interval: 5s}
`,
      'cache/compose.yaml': `
services:
  cache:
    image: redis:7.4
    volumes: ["./conf:/usr/local/etc/redis"]
`,
      'compose.yaml': `
include:
  - cache/compose.yaml
services:
  worker:
    extends: {file: common.yaml, service: base}
    command: celery -A app worker
    environment: {OWN: "2"}
  beat:
    extends: worker
    command: celery -A app beat
`,
    },
  },
  {
    name: 'profiles-selected',
    files: {
      'compose.yaml': `
services:
  web: {image: nginx:1.27}
  debug: {image: busybox:1.36, profiles: [debug]}
  tools: {image: busybox:1.36, profiles: [tools]}
`,
    },
    profiles: ['debug'],
  },
  {
    name: 'env-files-and-valueless-variables',
    files: {
      'first.env': 'TAG=1.0\nSHARED=first\n',
      'second.env': 'SHARED=second\nFROM_FILE=file\n',
      'app.env': 'APP_ONLY=app\nOVERRIDDEN=from-env-file\n',
      'compose.yaml': `
services:
  app:
    image: "busybox:\${TAG}"
    env_file: [app.env]
    environment:
      - FROM_FILE
      - SHARED
      - OVERRIDDEN=explicit
      - NOWHERE
`,
    },
    envFiles: ['first.env', 'second.env'],
  },
  {
    name: 'valueless-variables-never-from-the-caller',
    files: {
      '.env': 'DOTENV_ONLY=dotenv\nCALLER_AND_DOTENV=dotenv\n',
      'compose.yaml': `
services:
  app:
    image: busybox:1.36
    environment: [DOTENV_ONLY, CALLER_AND_DOTENV, CALLER_ONLY, NOWHERE]
`,
    },
    env: { CALLER_ONLY: 'caller', CALLER_AND_DOTENV: 'caller' },
  },
  {
    name: 'short-and-long-syntax',
    files: {
      'compose.yaml': `
services:
  web:
    image: nginx:1.27
    ports:
      - "80"
      - "127.0.0.1:8000-8001:8000-8001/udp"
      - {target: 443, published: "8443", protocol: tcp, mode: host, name: https}
    expose: [9000, "9001-9002"]
    volumes:
      - /anonymous
      - named:/named:ro
      - {type: tmpfs, target: /tmp, tmpfs: {size: 64m}}
    tmpfs: /run
    healthcheck:
      test: curl -f http://localhost/ || exit 1
      interval: 1m30s
      timeout: 1500ms
      start_period: 1h
      retries: 5
    deploy:
      replicas: 2
      resources:
        limits: {cpus: "0.5", memory: 512M}
        reservations: {memory: 1.5gb}
    stop_grace_period: 90s
    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 512}
    extra_hosts: ["db.local:10.0.0.2", "other.local=10.0.0.3"]
    depends_on:
      db: {condition: service_healthy, restart: true}
    networks:
      front: {aliases: [www]}
      back:
    secrets: [token, {source: cert, target: /etc/cert.pem, mode: 0400}]
    configs: [site, {source: site, target: /etc/site-copy.conf, mode: "440"}]
  db:
    image: postgres:16
    networks: [back]
    healthcheck: {test: ["CMD-SHELL", "pg_isready"]}
networks:
  front: {}
  back: {internal: true}
volumes:
  named: {}
secrets:
  token: {environment: TOKEN}
  cert: {file: ./cert.pem}
configs:
  site: {file: ./site.conf}
`,
    },
  },
  {
    name: 'discovery-and-compose-variables',
    files: {
      'compose.yaml': `
services:
  web: {image: nginx:1.27, ports: ["80:80"]}
  debug: {image: busybox:1.36, profiles: [debug]}
`,
      'compose.override.yml': `
services:
  web: {environment: {FROM_OVERRIDE: "1"}}
`,
    },
    compose: [],
    env: { COMPOSE_PROFILES: 'debug', COMPOSE_PROJECT_NAME: 'named-by-env' },
  },
  {
    name: 'scalar-types',
    files: {
      '.env': 'RO=true\nCPUS=1.5\n',
      'compose.yaml': `
services:
  web:
    image: nginx:1.27
    ports: [22:22, 8080:80]
    environment: {DEBUG: true, PORT: 8080, RATIO: 0.5, EMPTY: "", NULLED: null}
    command: sh -c 'echo $$HOSTNAME && exec nginx'
    read_only: \${RO}
    cpus: \${CPUS}
    mem_limit: 1g
    shm_size: 64m
    init: true
    healthcheck: {disable: true}
    user: "1000:1000"
    restart: unless-stopped
    x-webstack: {role: web, replicas: 3, hpa: {min: 2, max: 5}}
`,
    },
  },
  {
    name: 'include-with-env-and-directory',
    files: {
      'compose.yaml': `
include:
  - path: sub/compose.yaml
    env_file: sub/values.env
    project_directory: sub
services:
  web:
    image: nginx:1.27
    depends_on: [api]
`,
      'sub/compose.yaml': `
services:
  api:
    image: "python:\${PY:-3.11}"
    volumes: ["./src:/src"]
`,
      'sub/values.env': 'PY=3.12\n',
    },
  },
  {
    name: 'extends-merging-rules',
    files: {
      'base.yaml': `
services:
  base:
    image: python:3.12
    ports: ["8000:8000", "9000:9000"]
    volumes: ["./a:/a", "./b:/b"]
    environment: [A=1, B=1]
    command: ["python", "base.py"]
    depends_on: [db]
    labels: [one=1]
  db:
    image: postgres:16
`,
      'compose.yaml': `
services:
  app:
    extends: {file: base.yaml, service: base}
    ports: ["8000:8080"]
    volumes: ["./c:/b"]
    environment: {B: "2"}
    command: python app.py
    labels: {two: "2"}
    depends_on:
      db: {condition: service_healthy}
  db:
    image: postgres:16
    healthcheck: {test: ["CMD", "pg_isready"]}
`,
    },
  },
  {
    name: 'compose-file-variable',
    files: {
      'a.yaml': 'services:\n  web: {image: nginx:1.27, environment: {FROM: a}}\n',
      'b.yaml': 'services:\n  web: {environment: {FROM: b}}\n',
    },
    compose: [],
    env: { COMPOSE_FILE: 'a.yaml:b.yaml' },
  },
  { name: 'invalid-required-variable', files: { 'compose.yaml': 'services:\n  web: {image: "nginx:${TAG:?set TAG}"}\n' }, invalid: true },
  { name: 'invalid-dangling-depends-on', files: { 'compose.yaml': 'services:\n  web: {image: nginx:1.27, depends_on: [db]}\n' }, invalid: true },
  { name: 'invalid-undeclared-volume', files: { 'compose.yaml': 'services:\n  web: {image: nginx:1.27, volumes: ["data:/data"]}\n' }, invalid: true },
  { name: 'invalid-missing-env-file', files: { 'compose.yaml': 'services:\n  web: {image: nginx:1.27, env_file: [.env.local]}\n' }, invalid: true },
  { name: 'optional-missing-env-file', files: { 'compose.yaml': 'services:\n  web: {image: nginx:1.27, env_file: [{path: .env.local, required: false}]}\n' } },
  { name: 'invalid-unknown-key', files: { 'compose.yaml': 'services:\n  web: {imgae: nginx:1.27}\n' }, invalid: true },
  {
    name: 'invalid-extends-cycle',
    files: { 'compose.yaml': 'services:\n  a: {image: nginx:1.27, extends: b}\n  b: {image: nginx:1.27, extends: a}\n' },
    invalid: true,
  },
];

describe('compose-go differential (inline projects)', () => {
  let binary = '';
  let root = '';
  const report = new DifferentialReport();
  const cases = new Map<string, CorpusCase>();

  beforeAll(() => {
    binary = buildComposeRef();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'differential-inline-'));
    for (const p of PROJECTS) cases.set(p.name, writeProject(root, p));
  }, BUILD_TIMEOUT_MS);

  afterAll(() => {
    console.log(report.summary('compose-go differential (inline)', [...cases.values()]));
    fs.rmSync(root, { recursive: true, force: true });
  });

  test.each(PROJECTS.map((p) => [p.name, p.invalid ?? false] as const))('%s matches compose-go', (name, invalid) => {
    const c = cases.get(name) as CorpusCase;
    const outcome = compareCase(binary, c);
    // A project compose-go rejects unexpectedly would compare nothing; an invalid one must be rejected by both.
    expect(outcome.referenceError === undefined).toBe(!invalid);
    expect(report.record(c, outcome)).toEqual([]);
  });

  test('every allow-list entry for inline projects still matches a difference', () => {
    expect(report.unmatched([...cases.values()], false) ?? []).toEqual([]);
  });
});

/** Writes the project under `root/<name>` and describes it as a case; ids read `inline/<name>`. */
function writeProject(root: string, p: InlineProject): CorpusCase {
  const projectDir = path.join(root, p.name);
  for (const [file, text] of Object.entries(p.files)) {
    fs.mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
    fs.writeFileSync(path.join(projectDir, file), text);
  }
  const compose = p.compose ?? ['compose.yaml'];
  return {
    id: `inline/${p.name}`,
    title: p.name,
    projectDir,
    files: compose.map((f) => path.join(projectDir, f)),
    envFiles: (p.envFiles ?? []).map((f) => path.join(projectDir, f)),
    profiles: p.profiles ?? [],
    env: p.env ?? {},
    main: true,
    expectedServices: 0,
    composeRejects: false,
  };
}
