import type { Diagnostic } from '../errors';
import type { EnvValue } from '../kube/env';
import { convertDiagnostic } from './codes';
import type { ProbeOverride } from '../kube/probes';
import type { MountOptions, VolumeSpec } from '../kube/volumes';
import type { ServiceContext, StackObjects } from './context';
import { envObjectName } from './environment';
import type { SecretOrigin, SecretValues } from './secret-values';
import type { RoleSpec } from './spec';

/**
 * The last line of defence for "no secret value is ever written": after every role is shaped, each string that
 * ends up in a manifest is searched for the project's secret values ({@link SecretValues}). Where Kubernetes can
 * read the value at run time, the string refers to it instead: `$(VAR)` in `command`/`args` (expanded from the
 * container's env, which gets VAR as a `secretKeyRef`), `${VAR}` in a shell probe (an exec probe without a shell
 * is run through `sh -c`). Anywhere else (annotations, working directory, hosts, sysctls, HTTP probe paths) no
 * reference is possible: an error at the service says where. ConfigMaps that hold a secret are turned into
 * Secrets by the caller ({@link secretConfigMaps}).
 */
export function scrubRole(ctx: ServiceContext, role: RoleSpec, secrets: SecretValues): void {
  if (secrets.size === 0) return;
  const props = role.props as Record<string, unknown>;
  const env = { ...(props.env as Record<string, EnvValue> | undefined) };
  const reference = (origin: SecretOrigin, at: string, form: (name: string) => string): string => {
    if (origin.fileOnly) {
      ctx.reporter.report('secret-in-output', {
        at,
        message: `holds the content of the secret file ${origin.variable}, which no variable carries, so it cannot be referenced`,
        fix: 'read the secret from its mounted file (/run/secrets/...) instead of writing it into the Compose file',
      });
      return '';
    }
    env[envName(env, origin.variable)] ??= { secretKeyRef: ctx.objects.requireSecret(envObjectName(ctx.name), origin.variable, { kind: 'literal', variable: origin.variable }) };
    return form(envName(env, origin.variable));
  };
  let changed = false;
  for (const key of ['command', 'args'] as const) {
    const argv = props[key] as readonly string[] | undefined;
    if (!argv?.some((word) => secrets.find(word).length)) continue;
    props[key] = argv.map((word) => secrets.replace(word, (origin) => reference(origin, key === 'command' ? 'entrypoint' : 'command', (name) => `$(${name})`)));
    changed = true;
  }
  for (const key of ['liveness', 'readiness', 'startup'] as const) {
    const probe = props[key] as ProbeOverride | undefined;
    if (!probe) continue;
    if ('httpGet' in probe && secrets.find(probe.httpGet.path).length) {
      reportUnreferencable(ctx, 'healthcheck.test', 'the HTTP probe path');
      props[key] = undefined;
    } else if ('exec' in probe && probe.exec.some((word) => secrets.find(word).length)) {
      props[key] = { ...probe, exec: shellProbe(probe.exec, secrets, (origin) => reference(origin, 'healthcheck.test', (name) => `\${${name}}`)) };
      changed = true;
    }
  }
  if (changed) {
    ctx.reporter.report('secret-referenced', { message: 'secret values in its command or probes are read from the container environment at run time ($(VAR), ${VAR}), never written' });
    props.env = env;
  }
  for (const [field, at] of UNREFERENCABLE) {
    if (props[field] !== undefined && secrets.find(JSON.stringify(props[field])).length) {
      reportUnreferencable(ctx, at, field);
      props[field] = undefined;
    }
  }
}

/**
 * The check after every rule has run: a secret value still anywhere in a role or a ConfigMap (a claim named after
 * a bind source interpolated from a secret, a config file named after one) is an error, so nothing is written.
 * The rules above move the values they know of out; this catches those no rule foresaw, in the original case and
 * in the lower case of Kubernetes names.
 */
export function reportSecretsLeft(roles: readonly RoleSpec[], contexts: ReadonlyMap<string, ServiceContext>, objects: StackObjects, secrets: SecretValues): Diagnostic[] {
  if (secrets.size === 0) return [];
  const lowercased = secrets.lowercased();
  const holdsSecret = (value: unknown): boolean => {
    const json = JSON.stringify(value) ?? '';
    return secrets.find(json).length > 0 || lowercased.find(json).length > 0;
  };
  const leakingConfigMaps = objects.configMapSpecs().filter(holdsSecret).map((map) => map.name);
  for (const role of roles) {
    const ctx = contexts.get(role.service) as ServiceContext;
    for (const [field, value] of Object.entries(role.props as Record<string, unknown>)) {
      if (value === undefined || !holdsSecret(value)) continue;
      ctx.reporter.report('secret-in-output', {
        at: COMPOSE_KEY_OF[field],
        message: `its ${field} would hold a secret value in a name or a path, and Kubernetes reads no variable there`,
        fix: 'keep secret variables out of paths, names and other settings Kubernetes cannot read from a Secret',
      });
    }
    for (const name of leakingConfigMaps.filter((map) => mountsConfigMap(role, map))) {
      ctx.reporter.report('secret-in-output', { at: 'volumes', message: `the ConfigMap ${name} would hold a secret value in a file name`, fix: 'keep secret variables out of the names of mounted files' });
    }
  }
  const unmounted = leakingConfigMaps.filter((map) => !roles.some((role) => mountsConfigMap(role, map)));
  return unmounted.map((name) => convertDiagnostic('secret-in-output', `the ConfigMap ${name} would hold a secret value`, { fix: 'keep secret variables out of config file names and contents' }));
}

/** The Compose key a role prop comes from, where one does: the diagnostic points at it. */
const COMPOSE_KEY_OF: Readonly<Record<string, string>> = { volumes: 'volumes', env: 'environment', ports: 'ports', command: 'command', args: 'command', image: 'image' };

/** Fields Kubernetes never expands variables in, with the Compose key they come from. */
const UNREFERENCABLE: readonly (readonly [string, string])[] = [
  ['workingDir', 'working_dir'],
  ['podAnnotations', 'labels'],
  ['labels', 'deploy.labels'],
  ['hostAliases', 'extra_hosts'],
  ['sysctls', 'sysctls'],
  ['dnsConfig', 'dns_opt'],
  ['preStop', 'pre_stop'],
  ['postStart', 'post_start'],
  ['image', 'image'],
];

function reportUnreferencable(ctx: ServiceContext, at: string, field: string): void {
  ctx.reporter.report('secret-in-output', {
    at,
    message: `${field} would hold a secret value, and Kubernetes reads no variable there; it is left out`,
    fix: 'move the secret out of this setting (read it from the environment or a mounted Secret in the application)',
  });
}

/**
 * An exec probe whose words hold secrets, as a shell command that expands them from the environment:
 * `["sh", "-c", script]` keeps its script with `${VAR}` in place of each value; any other argv is quoted word by
 * word into such a script (the image needs `sh`, as Compose's CMD-SHELL checks do).
 */
function shellProbe(exec: readonly string[], secrets: SecretValues, reference: (origin: SecretOrigin) => string): string[] {
  const [first = '', flag, script, ...rest] = exec;
  if (/(^|\/)(ba|da)?sh$/.test(first) && flag === '-c' && script !== undefined && rest.length === 0) return [first, flag, secrets.replace(script, reference)];
  const quoted = exec.map((word) => secrets.replace(`'${word.replace(/'/g, `'\\''`)}'`, (origin) => `'"${reference(origin)}"'`));
  return ['sh', '-c', quoted.join(' ')];
}

/** The env name for a secret's variable in this container: the variable itself, unless a plain value already uses it. */
function envName(env: Readonly<Record<string, EnvValue>>, variable: string): string {
  const existing = env[variable];
  return existing === undefined || typeof existing !== 'string' ? variable : `WEBSTACK_SECRET_${variable}`;
}

/**
 * ConfigMaps that would hold a secret value, or a file that looks like credentials (a PEM key, `password = ...`,
 * SQL `PASSWORD '...'`), become Secrets the user creates from the same files: every volume that mounted the
 * ConfigMap mounts the Secret instead. Inline `configs.content` has no file to create it from: an error.
 */
export function secretConfigMaps(objects: StackObjects, roles: readonly RoleSpec[], contexts: ReadonlyMap<string, ServiceContext>, secrets: SecretValues): void {
  for (const [name, map] of [...objects.configMaps]) {
    const sources = objects.configSources.get(name);
    if (sources === undefined) continue; // env ConfigMaps: environmentOptions already moved secret values out
    const holding = Object.entries(map.data).filter(([, text]) => secrets.find(text).length > 0 || looksLikeCredentials(text));
    if (holding.length === 0) continue;
    const users = roles.filter((role) => mountsConfigMap(role, name));
    const inline = Object.keys(map.data).filter((key) => sources.get(key) === undefined);
    for (const role of users) {
      const ctx = contexts.get(role.service) as ServiceContext;
      if (inline.length) {
        ctx.reporter.report('secret-in-output', {
          at: 'configs',
          message: `the inline content of config ${name} holds a secret value, and no file exists to create a Secret from`,
          fix: 'move the content into a file and declare it under top-level `secrets:` (file:), mounted with the service\'s `secrets:`',
        });
        continue;
      }
      ctx.reporter.report('config-holds-secret', {
        at: 'volumes',
        message: `${holding.map(([key]) => sources.get(key)).join(', ')} holds credentials: it is mounted from the Secret ${name}, which you create, and its content is not written`,
        fix: 'create the Secret with the kubectl command printed at the end',
      });
      const props = role.props as { volumes?: VolumeSpec[] };
      props.volumes = (props.volumes ?? []).map((v) => ('configMap' in v && v.configMap.name === name ? { ...mountOf(v), secret: { secretName: name, items: v.configMap.items } } : v));
    }
    objects.configMaps.delete(name); // refused (inline) or created by the user as a Secret: never written
    if (inline.length) continue;
    for (const key of Object.keys(map.data)) objects.requireSecret(name, key, { kind: 'file', path: sources.get(key) as string });
  }
}

/** Whether the role mounts the ConfigMap. */
function mountsConfigMap(role: RoleSpec, configMap: string): boolean {
  return ((role.props as { volumes?: readonly VolumeSpec[] }).volumes ?? []).some((v) => 'configMap' in v && v.configMap.name === configMap);
}

/** The mount fields of a volume, without its source. */
function mountOf(v: VolumeSpec): MountOptions {
  return { name: v.name, mountPath: v.mountPath, subPath: v.subPath, readOnly: v.readOnly };
}

/** Key material and password assignments in a config file (`password: ${DB_PASSWORD}` is a template, not a secret). */
function looksLikeCredentials(text: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || /\b(password|passwd|secret|api[_-]?key)\b["']?\s*[:=]\s*["']?[^\s"'$<{%][^\s"']*/i.test(text) || /\bPASSWORD\s+'[^'$]+'/i.test(text);
}
