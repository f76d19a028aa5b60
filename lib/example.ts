import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EnvValue } from './kube/env';
import { StandardWebStack, type StandardWebStackProps } from './stack/standard';
import { writeManifests } from './synth';

/**
 * The example stack `main.ts` synthesizes into `dist/`: a Django/FastAPI-style API, a static SPA, a Celery
 * worker and beat, Redis, Postgres and the nginx proxy. Kept apart from `main.ts` so tests can build it without
 * writing files.
 *
 * Secrets are only referenced. Create them before applying `dist/`:
 *
 *   kubectl create namespace webstack   # or apply dist/ once; the Namespace comes first
 *   kubectl -n webstack create secret generic webstack-postgres --from-literal=username=app --from-literal=password="$(openssl rand -hex 24)"
 *   kubectl -n webstack create secret generic webstack-redis --from-literal=password="$(openssl rand -hex 24)"
 *   kubectl -n webstack create secret generic webstack-backend --from-literal=secret-key="$(openssl rand -hex 32)"
 */

/** Names and keys of the Secrets the example expects; `dist/` contains only these references. */
export const EXAMPLE_SECRETS = {
  postgres: { name: 'webstack-postgres', userKey: 'username', passwordKey: 'password' },
  redis: { name: 'webstack-redis', passwordKey: 'password' },
  backend: { name: 'webstack-backend', secretKeyKey: 'secret-key' },
} as const;

const APP_IMAGE = 'ghcr.io/example/webstack-api:1.4.2';

/**
 * Settings the API and the Celery processes share. `$(VAR)` expands variables defined earlier in the list, so
 * connection URLs embed passwords at runtime without the manifest containing them.
 */
const APP_ENV: Readonly<Record<string, EnvValue>> = {
  DB_HOST: 'postgres',
  DB_PORT: '5432',
  DB_NAME: 'app',
  DB_USER: { secretKeyRef: { name: EXAMPLE_SECRETS.postgres.name, key: EXAMPLE_SECRETS.postgres.userKey } },
  DB_PASSWORD: { secretKeyRef: { name: EXAMPLE_SECRETS.postgres.name, key: EXAMPLE_SECRETS.postgres.passwordKey } },
  REDIS_PASSWORD: { secretKeyRef: { name: EXAMPLE_SECRETS.redis.name, key: EXAMPLE_SECRETS.redis.passwordKey } },
  REDIS_URL: 'redis://:$(REDIS_PASSWORD)@redis:6379/0',
  CELERY_BROKER_URL: 'redis://:$(REDIS_PASSWORD)@redis:6379/1',
  SECRET_KEY: { secretKeyRef: { name: EXAMPLE_SECRETS.backend.name, key: EXAMPLE_SECRETS.backend.secretKeyKey } },
};

/** The example's props; `celery: false` drops worker and beat (tests use it to show celery edges vanish). */
export function exampleStackProps(options: { readonly celery?: boolean } = {}): StandardWebStackProps {
  const celery = options.celery ?? true;
  return {
    namespace: 'webstack',
    postgres: {
      credentialsSecret: EXAMPLE_SECRETS.postgres.name,
      userKey: EXAMPLE_SECRETS.postgres.userKey,
      passwordKey: EXAMPLE_SECRETS.postgres.passwordKey,
      database: 'app',
    },
    redis: { passwordSecret: EXAMPLE_SECRETS.redis.name, passwordKey: EXAMPLE_SECRETS.redis.passwordKey },
    backend: { image: APP_IMAGE, env: APP_ENV },
    frontend: { image: 'ghcr.io/example/webstack-spa:1.4.2' },
    ...(celery
      ? {
          celeryWorker: { image: APP_IMAGE, celeryApp: 'app', env: APP_ENV },
          celeryBeat: { image: APP_IMAGE, celeryApp: 'app', env: APP_ENV },
        }
      : {}),
  };
}

/** Adds the example stack to `scope` (an `App`), as `main.ts` does. */
export function defineExampleStack(scope: Construct, options: { readonly celery?: boolean } = {}): StandardWebStack {
  return new StandardWebStack(scope, 'webstack', exampleStackProps(options));
}

/**
 * Synthesizes the example into `outdir` (one file, `webstack.k8s.yaml`), with the writer `webstack convert` and
 * generated projects use; `main.ts` runs it through the atomic publish.
 */
export function synthExample(outdir: string): void {
  writeManifests(defineExampleStack(new App({ outdir })), outdir);
}
