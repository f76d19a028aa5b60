import { DATA_SERVICES, EDGE_PROXIES } from '../defaults';
import { parseImageRef } from '../image-ref';

/** The role constructs a Compose service can become (lib/services). */
export const ROLES = ['backend', 'frontend', 'web-service', 'worker', 'celery-worker', 'celery-beat', 'redis', 'postgres', 'data-service', 'proxy', 'edge-proxy', 'task'] as const;

export type Role = (typeof ROLES)[number];

/** Image families whose images the converter recognises by repository name. */
export type ImageFamily = 'postgres' | 'redis' | 'proxy';

/** Last repository component -> family. `valkey` and `keydb` speak the redis protocol and keep its layout. */
const FAMILY_BY_NAME: Readonly<Record<string, ImageFamily>> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  redis: 'redis',
  valkey: 'redis',
  keydb: 'redis',
  nginx: 'proxy',
  'nginx-unprivileged': 'proxy',
  traefik: 'proxy',
  caddy: 'proxy',
  envoy: 'proxy',
  openresty: 'proxy',
  httpd: 'proxy',
};

/** The DATA_SERVICES family of an image (`mariadb:11`, `bitnami/rabbitmq:3`), if it is one. */
export function dataServiceFamily(image: string | undefined): keyof typeof DATA_SERVICES | undefined {
  const name = image === undefined ? undefined : parseImageRef(image)?.name;
  return name !== undefined && name in DATA_SERVICES ? (name as keyof typeof DATA_SERVICES) : undefined;
}

/** The EDGE_PROXIES family of an image, if it is a reverse proxy. */
export function edgeProxyFamily(image: string | undefined): keyof typeof EDGE_PROXIES | undefined {
  const name = image === undefined ? undefined : parseImageRef(image)?.name;
  return name !== undefined && name in EDGE_PROXIES ? (name as keyof typeof EDGE_PROXIES) : undefined;
}

export function imageFamily(image: string | undefined): ImageFamily | undefined {
  return image === undefined ? undefined : FAMILY_BY_NAME[parseImageRef(image)?.name ?? ''];
}

/** What role detection looks at, already extracted from the Compose service. */
export interface RoleFacts {
  readonly image?: string;
  /** Entrypoint followed by command, as words. */
  readonly argv: readonly string[];
  /** Container ports from `ports` and `expose`. */
  readonly hasPorts: boolean;
  /** Some port is published to the host (`ports`, not only `expose`). */
  readonly publishesPorts: boolean;
  /** `restart: no`/`on-failure`, or `deploy.restart_policy.condition: none`/`on-failure`. */
  readonly runsToCompletion: boolean;
  /** Another service waits for it with `condition: service_completed_successfully`. */
  readonly awaitedCompletion: boolean;
  /** It mounts the Docker socket (a proxy that finds its routes through the Docker API). @default false */
  readonly readsDockerSocket?: boolean;
}

export interface RoleDecision {
  readonly role: Role;
  /** Why, for the `role-detected` info (completes "became <role> because ..."). */
  readonly reason: string;
}

/**
 * Picks the role for a service, first match wins: a stateful image family (a database never becomes a Job,
 * whatever its restart policy), a service another one waits to complete, a run-to-completion service without
 * ports (a server with `restart: on-failure` is still a server: the policy only says when to restart it), a
 * celery command, a proxy image that publishes ports (kept with its own configuration), any service with ports,
 * anything else.
 */
export function detectRole(facts: RoleFacts): RoleDecision {
  const family = imageFamily(facts.image);
  if (family === 'postgres' || family === 'redis') return { role: family, reason: `its image ${facts.image} is ${family}` };
  const data = dataServiceFamily(facts.image);
  if (data && facts.hasPorts) return { role: 'data-service', reason: `its image ${facts.image} is ${data}, a server that keeps data` };
  if (facts.awaitedCompletion) return { role: 'task', reason: 'another service waits for it with service_completed_successfully' };
  if (facts.runsToCompletion && !facts.hasPorts) return { role: 'task', reason: 'its restart policy lets it finish (no / on-failure) and it listens on no port' };
  const celery = celeryMode(facts.argv);
  if (celery) return { role: celery === 'beat' ? 'celery-beat' : 'celery-worker', reason: `its command runs celery ${celery}` };
  if (family === 'proxy' && facts.publishesPorts && facts.readsDockerSocket) {
    return { role: 'proxy', reason: `its image ${facts.image} is a reverse proxy that finds its routes through the Docker socket, which no pod gets: the stack's own proxy takes its place` };
  }
  if (family === 'proxy' && facts.publishesPorts) return { role: 'edge-proxy', reason: `its image ${facts.image} is a reverse proxy that publishes ports; it keeps its own configuration` };
  if (facts.hasPorts) return { role: 'web-service', reason: 'it listens on ports' };
  return { role: 'worker', reason: 'it has no ports' };
}

/** `celery ... worker`, `celery ... beat` or an entrypoint script named like them (`entrypoint-celery-beat.sh`). */
export function celeryMode(argv: readonly string[]): 'worker' | 'beat' | undefined {
  const words = argv.flatMap((a) => a.split(/\s+/));
  if (!words.some((w) => /celery/i.test(w))) return undefined;
  if (words.some((w) => /(^|[-_/])worker\b/i.test(w) || w === 'worker')) return 'worker';
  if (words.some((w) => /(^|[-_/])beat\b/i.test(w))) return 'beat';
  return undefined;
}

/** The `-A`/`--app` application of a celery command line (the last one wins, as in argparse). */
export function celeryApp(argv: readonly string[]): string | undefined {
  const words = argv.flatMap((a) => a.split(/\s+/));
  let app: string | undefined;
  words.forEach((word, i) => {
    if (word === '-A' || word === '--app') app = words[i + 1];
    else if (word.startsWith('--app=')) app = word.slice('--app='.length);
    else if (/^-A\S/.test(word)) app = word.slice(2);
  });
  return app;
}
