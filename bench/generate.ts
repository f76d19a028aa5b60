/**
 * Synthetic Compose projects for the scaling benchmark: `services` realistic services, deterministic (the same
 * count always gives the same bytes), so timings of 10, 100, 1000 and 5000 services compare like with like.
 *
 * Services come in units of ten that look like one product team's slice of a microservice estate: a Postgres
 * and a Redis with named volumes, five HTTP APIs, two Celery workers and a web frontend. Every service has a
 * tagged image, a healthcheck, networks and `depends_on` on a few earlier services; the APIs carry a
 * secret-looking environment key and a URL with credentials, so the secret split runs at scale too. An API
 * also depends on an API of the previous unit over the shared `mesh` network, so NetworkPolicy edges cross units
 * and the dependency graph is connected, as in a real estate. A count that is not a multiple of ten cuts the
 * last unit short; dependencies only ever point at earlier services, so every prefix is a valid project.
 *
 * Usage: `node build/bench/generate.js <services> <out.yaml>`
 */
import * as fs from 'fs';
import { stringify } from 'yaml';

/** Product areas that name the units; a unit's index is appended once the list is used up. */
const DOMAINS = ['orders', 'billing', 'catalog', 'search', 'users', 'auth', 'cart', 'payments', 'shipping', 'reviews'];

/** The kinds of service in one unit, in order: dependencies (db, cache) come first. */
const UNIT = ['db', 'cache', 'api', 'api', 'api', 'api', 'api', 'worker', 'worker', 'web'] as const;

type Kind = (typeof UNIT)[number];

/** Compose `healthcheck` timings shared by every generated service (Compose duration strings). */
const HEALTH_TIMINGS = { interval: '10s', timeout: '3s', retries: 3, start_period: '20s' } as const;

/** The numeric non-root user the application images are built for, as a production compose file states it. */
const APP_USER = '10001:10001';

type ComposeService = Record<string, unknown>;

/** One generated service's name, from its position: `orders-db`, `orders-api-2`, `cart-12-worker-1`. */
export function serviceName(index: number): string {
  const unit = Math.floor(index / UNIT.length);
  const slot = index % UNIT.length;
  const kind = UNIT[slot] as Kind;
  const domain = `${DOMAINS[unit % DOMAINS.length]}${unit < DOMAINS.length ? '' : `-${unit}`}`;
  const sameKindBefore = UNIT.slice(0, slot).filter((k) => k === kind).length;
  const instances = UNIT.filter((k) => k === kind).length;
  return instances === 1 ? `${domain}-${kind}` : `${domain}-${kind}-${sameKindBefore + 1}`;
}

/** The index of the unit's first service of `kind`; units always start with db and cache. */
function firstOf(unit: number, kind: Kind): number {
  return unit * UNIT.length + UNIT.indexOf(kind);
}

/** A version that differs between services but never changes between runs. */
function version(index: number): string {
  return `1.${index % 17}.${index % 5}`;
}

function unitNetwork(unit: number): string {
  return `unit-${unit}`;
}

function database(unit: number, index: number): ComposeService {
  return {
    image: 'postgres:16.4-alpine',
    environment: { POSTGRES_DB: 'app', POSTGRES_USER: 'app', POSTGRES_PASSWORD: `bench-db-password-${index}` },
    volumes: [`${serviceName(index)}-data:/var/lib/postgresql/data`],
    healthcheck: { test: ['CMD-SHELL', 'pg_isready -U app -d app'], ...HEALTH_TIMINGS },
    networks: [unitNetwork(unit)],
  };
}

function cache(unit: number, index: number): ComposeService {
  return {
    image: 'redis:7.4-alpine',
    volumes: [`${serviceName(index)}-data:/data`],
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], ...HEALTH_TIMINGS },
    networks: [unitNetwork(unit)],
  };
}

/** Environment of the unit's application processes: plain settings, a token and URLs with credentials. */
function appEnvironment(unit: number, index: number): Record<string, string> {
  const db = serviceName(firstOf(unit, 'db'));
  const redis = serviceName(firstOf(unit, 'cache'));
  return {
    LOG_LEVEL: 'info',
    PORT: '8000',
    SERVICE_NAME: serviceName(index),
    DATABASE_URL: `postgres://app:bench-db-password-${firstOf(unit, 'db')}@${db}:5432/app`,
    REDIS_URL: `redis://${redis}:6379/0`,
    API_TOKEN: `bench-token-${index}`,
  };
}

/** An API of the previous unit that this one calls, so edges and dependencies cross units. */
function upstreamApi(unit: number, index: number): string | undefined {
  if (unit === 0) return undefined;
  const slot = index % UNIT.length;
  return serviceName((unit - 1) * UNIT.length + slot);
}

function api(unit: number, index: number): ComposeService {
  const upstream = upstreamApi(unit, index);
  return {
    image: `ghcr.io/acme/${serviceName(index)}:${version(index)}`,
    user: APP_USER,
    ports: ['8000'],
    environment: appEnvironment(unit, index),
    healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost:8000/healthz'], ...HEALTH_TIMINGS },
    depends_on: {
      [serviceName(firstOf(unit, 'db'))]: { condition: 'service_healthy' },
      [serviceName(firstOf(unit, 'cache'))]: { condition: 'service_healthy' },
      ...(upstream === undefined ? {} : { [upstream]: { condition: 'service_started' } }),
    },
    tmpfs: ['/tmp'],
    networks: [unitNetwork(unit), 'mesh'],
  };
}

function worker(unit: number, index: number): ComposeService {
  const app = serviceName(firstOf(unit, 'api'));
  return {
    image: `ghcr.io/acme/${app}:${version(firstOf(unit, 'api'))}`,
    user: APP_USER,
    command: ['celery', '-A', 'app', 'worker', '--loglevel', 'info', '--concurrency', '2'],
    environment: appEnvironment(unit, index),
    healthcheck: { test: ['CMD-SHELL', 'celery -A app inspect ping -d celery@$$HOSTNAME'], ...HEALTH_TIMINGS },
    depends_on: {
      [serviceName(firstOf(unit, 'db'))]: { condition: 'service_healthy' },
      [serviceName(firstOf(unit, 'cache'))]: { condition: 'service_healthy' },
    },
    tmpfs: ['/tmp'],
    networks: [unitNetwork(unit)],
  };
}

function web(unit: number, index: number): ComposeService {
  return {
    image: `ghcr.io/acme/${serviceName(index)}:${version(index)}`,
    user: APP_USER,
    ports: ['3000'],
    environment: { NODE_ENV: 'production', API_BASE_URL: `http://${serviceName(firstOf(unit, 'api'))}:8000` },
    healthcheck: { test: ['CMD', 'wget', '--spider', '-q', 'http://localhost:3000/'], ...HEALTH_TIMINGS },
    depends_on: { [serviceName(firstOf(unit, 'api'))]: { condition: 'service_started' } },
    networks: [unitNetwork(unit)],
  };
}

const BUILDERS: Readonly<Record<Kind, (unit: number, index: number) => ComposeService>> = { db: database, cache, api, worker, web };

/** The Compose project with `services` services, as a plain object ready for YAML. */
export function generateComposeProject(services: number): Record<string, unknown> {
  if (!Number.isInteger(services) || services < 1) throw new Error(`services must be a positive integer, not ${services}`);
  const entries: Record<string, ComposeService> = {};
  const volumes: Record<string, null> = {};
  const networks: Record<string, null> = { mesh: null };
  for (let index = 0; index < services; index++) {
    const unit = Math.floor(index / UNIT.length);
    const kind = UNIT[index % UNIT.length] as Kind;
    entries[serviceName(index)] = BUILDERS[kind](unit, index);
    if (kind === 'db' || kind === 'cache') volumes[`${serviceName(index)}-data`] = null;
    networks[unitNetwork(unit)] = null;
  }
  return { name: `bench-${services}`, services: entries, networks, volumes };
}

/** The same project as Compose YAML. */
export function generateComposeYaml(services: number): string {
  return stringify(generateComposeProject(services), { lineWidth: 0, nullStr: '' });
}

if (require.main === module) {
  const [count, out] = process.argv.slice(2);
  if (count === undefined || out === undefined) {
    process.stderr.write('usage: node build/bench/generate.js <services> <out.yaml>\n');
    process.exit(1);
  }
  fs.writeFileSync(out, generateComposeYaml(Number(count)));
}
