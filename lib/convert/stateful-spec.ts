import { compact } from './compact';
import type { Peer, ServiceContext } from './context';
import { envObjectName, environmentOptions } from './environment';
import { escapeKubernetesExpansion } from './process';
import { slicesFor, type ServiceDraft } from './service';
import type { RoleSpec } from './spec';

/** Postgres and Redis take credentials and storage as props; their Compose variables feed them. */
export function statefulSpec(ctx: ServiceContext, draft: ServiceDraft, role: 'postgres' | 'redis', dependsOn: readonly Peer[]): RoleSpec {
  const variables = new Map(draft.variables);
  const secret = envObjectName(ctx.name);
  const common = { service: ctx.service.name, dependsOn: dependsOn.map((p) => p.name) };
  const storage = compact({ storageSize: draft.storage.dataClaim?.storageSize, storageClassName: draft.storage.dataClaim?.storageClassName });
  const base = compact({ ...slicesFor(draft, role), name: ctx.name, image: ctx.image, ...storage });
  if (role === 'redis') {
    // No authentication the clients do not send: a password only where Compose set one.
    if (!redisHasPassword(ctx, variables)) {
      ctx.reporter.report('redis-without-password', {
        message: 'redis has no password in Compose, so it gets none: its clients send none, and only the NetworkPolicies limit who connects',
        fix: 'set a password in Compose (`--requirepass` or REDIS_PASSWORD) and in the clients’ redis URLs to require one',
      });
      return { ...common, role, props: compact({ ...base, ...environmentOptions(ctx, variables), passwordSecret: false as const }) };
    }
    ctx.objects.requireSecret(secret, 'REDIS_PASSWORD', { kind: 'literal', variable: 'REDIS_PASSWORD' });
    ctx.reporter.report('role-adds-password', {
      message: `redis keeps the password Compose gave it, from key REDIS_PASSWORD of the Secret ${secret} that you create`,
      fix: 'create the Secret with the same password the clients send',
    });
    return { ...common, role, props: compact({ ...base, ...environmentOptions(ctx, variables), passwordSecret: secret, passwordKey: 'REDIS_PASSWORD' }) };
  }
  // A value that is also a secret's (a user named like its password) stays in the environment, as a reference.
  const take = (key: string): string | null | undefined => {
    const value = variables.get(key);
    if (typeof value === 'string' && ctx.objects.secretValues.find(value).length) return undefined;
    variables.delete(key);
    return value;
  };
  // Values the role must see in `env` (not the envFrom ConfigMap) to skip its own credential files.
  const literal = compactStrings({ POSTGRES_USER: take('POSTGRES_USER'), POSTGRES_USER_FILE: take('POSTGRES_USER_FILE'), POSTGRES_PASSWORD_FILE: take('POSTGRES_PASSWORD_FILE') });
  const database = take('POSTGRES_DB');
  take('POSTGRES_PASSWORD');
  if (take('PGDATA') !== undefined) {
    ctx.reporter.report('env-managed-by-role', { at: 'environment.PGDATA', message: 'PGDATA is set by the postgres role (a subdirectory of its data claim)', value: 'PGDATA' });
  }
  if (!literal.POSTGRES_PASSWORD_FILE) ctx.objects.requireSecret(secret, 'POSTGRES_PASSWORD', { kind: 'literal', variable: 'POSTGRES_PASSWORD' });
  if (!literal.POSTGRES_USER && !literal.POSTGRES_USER_FILE) ctx.objects.requireSecret(secret, 'POSTGRES_USER', { kind: 'literal', variable: 'POSTGRES_USER' });
  const env = environmentOptions(ctx, variables);
  const escaped = Object.fromEntries(Object.entries(literal).map(([key, value]) => [key, escapeKubernetesExpansion(value)]));
  return {
    ...common,
    role,
    props: compact({
      ...base,
      ...env,
      env: Object.keys(escaped).length ? { ...env.env, ...escaped } : env.env,
      credentialsSecret: secret,
      userKey: 'POSTGRES_USER',
      passwordKey: 'POSTGRES_PASSWORD',
      database: database ?? undefined,
    }),
  };
}

/**
 * Whether the Compose redis asks for a password: `--requirepass` on its command line (the official image), or a
 * non-empty password variable (REDIS_PASSWORD of the bitnami image, and the like).
 */
function redisHasPassword(ctx: ServiceContext, variables: ReadonlyMap<string, string | null>): boolean {
  const argv = [...(ctx.service.entrypoint ?? []), ...(ctx.service.command ?? [])];
  if (argv.some((word) => /requirepass/i.test(word))) return true;
  return [...variables].some(([key, value]) => /^(REDIS|VALKEY)_PASS(WORD)?$/i.test(key) && value !== '');
}

/** The entries that have a string value. */
function compactStrings(entries: Readonly<Record<string, string | null | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
