import type { SourcePosition } from '../../errors';
import type {
  BuildSpec,
  DeploySpec,
  DependsOnSpec,
  EnvFileSpec,
  ExtraHostSpec,
  FileReferenceSpec,
  HealthcheckSpec,
  HealthcheckTest,
  LifecycleHookSpec,
  LoggingSpec,
  PlacementSpec,
  PortSpec,
  ResourcesSpec,
  RestartPolicySpec,
  ServiceNetworkSpec,
  UlimitSpec,
  UpdateConfigSpec,
  VolumeMountSpec,
} from '../model';
import { parseBytes } from '../normalize/bytes';
import { parseDurationMs } from '../normalize/durations';
import { Plain, bool, defined, fileMode, list, num, obj, str, strList, strMap } from './read';

/**
 * Readers from one normalized service key (plain JSON, long syntax) to its model type. `at(path)` gives the
 * source position of a path below the service, for list items the converter reports on.
 */
export type PositionAt = (path: string) => SourcePosition | undefined;

export function durationMs(value: unknown): number | undefined {
  const s = str(value);
  return s === undefined ? undefined : parseDurationMs(s);
}

export function bytes(value: unknown): number | undefined {
  const s = typeof value === 'number' ? value : str(value);
  return s === undefined ? undefined : parseBytes(s);
}

export function build(value: unknown): BuildSpec | undefined {
  const b = obj(value);
  if (!b) return undefined;
  return defined({
    context: str(b.context) ?? '.',
    dockerfile: str(b.dockerfile) ?? 'Dockerfile',
    target: str(b.target),
    args: strMap(b.args, true),
  });
}

export function envFiles(value: unknown, at: PositionAt): EnvFileSpec[] {
  return list(value).flatMap((item, i) => {
    const f = obj(item);
    const path = str(f?.path);
    return f && path !== undefined
      ? [defined({ path, required: bool(f.required) ?? true, format: str(f.format), pos: at(`env_file.${i}`) })]
      : [];
  });
}

export function ports(value: unknown, at: PositionAt): PortSpec[] {
  return list(value).flatMap((item, i) => {
    const p = obj(item);
    const target = num(p?.target);
    return p && target !== undefined
      ? [
          defined({
            target,
            published: str(p.published),
            hostIp: str(p.host_ip),
            protocol: str(p.protocol) ?? 'tcp',
            mode: str(p.mode) ?? 'ingress',
            name: str(p.name),
            appProtocol: str(p.app_protocol),
            pos: at(`ports.${i}`),
          }),
        ]
      : [];
  });
}

const MOUNT_TYPES: ReadonlySet<string> = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image']);

export function volumes(value: unknown, at: PositionAt): VolumeMountSpec[] {
  return list(value).flatMap((item, i) => {
    const v = obj(item);
    const type = str(v?.type);
    const target = str(v?.target);
    if (!v || type === undefined || !MOUNT_TYPES.has(type) || target === undefined) return [];
    const bind = obj(v.bind);
    const volume = obj(v.volume);
    const tmpfs = obj(v.tmpfs);
    return [
      defined({
        type: type as VolumeMountSpec['type'],
        source: str(v.source),
        target,
        readOnly: bool(v.read_only) ?? false,
        nocopy: bool(volume?.nocopy) ?? false,
        createHostPath: bool(bind?.create_host_path) ?? false,
        propagation: str(bind?.propagation),
        selinux: str(bind?.selinux),
        subpath: str(volume?.subpath),
        tmpfsSizeBytes: bytes(tmpfs?.size),
        tmpfsMode: num(tmpfs?.mode),
        pos: at(`volumes.${i}`),
      }),
    ];
  });
}

export function healthcheck(value: unknown, at: PositionAt): HealthcheckSpec | undefined {
  const h = obj(value);
  if (!h) return undefined;
  const test = healthcheckTest(strList(h.test));
  return defined({
    test,
    intervalMs: durationMs(h.interval),
    timeoutMs: durationMs(h.timeout),
    retries: num(h.retries),
    startPeriodMs: durationMs(h.start_period),
    startIntervalMs: durationMs(h.start_interval),
    disable: (bool(h.disable) ?? false) || test?.kind === 'none',
    pos: at('healthcheck'),
  });
}

/** `["CMD", …]` runs argv, `["CMD-SHELL", s]` a shell, `["NONE"]` disables; a bare list is argv (as Docker). */
function healthcheckTest(test: readonly string[]): HealthcheckTest | undefined {
  const [head, ...rest] = test;
  if (head === undefined) return undefined;
  if (head === 'NONE') return { kind: 'none' };
  if (head === 'CMD-SHELL') return { kind: 'shell', command: rest.join(' ') };
  if (head === 'CMD') return { kind: 'exec', argv: rest };
  return { kind: 'exec', argv: test };
}

export function deploy(value: unknown): DeploySpec | undefined {
  const d = obj(value);
  if (!d) return undefined;
  const resources = obj(d.resources);
  return defined({
    mode: str(d.mode),
    replicas: num(d.replicas),
    limits: resourceSpec(resources?.limits),
    reservations: resourceSpec(resources?.reservations),
    updateConfig: updateConfig(d.update_config),
    rollbackConfig: updateConfig(d.rollback_config),
    restartPolicy: restartPolicy(d.restart_policy),
    placement: placement(d.placement),
    labels: strMap(d.labels),
    endpointMode: str(d.endpoint_mode),
  });
}

/** `post_start` / `pre_stop` hooks. */
export function lifecycleHooks(value: unknown): LifecycleHookSpec[] {
  return (Array.isArray(value) ? value : []).flatMap((hook) => {
    const h = obj(hook);
    // A string command runs through a shell, as the converter has always run it.
    const command = typeof h?.command === 'string' ? ['/bin/sh', '-c', h.command] : strList(h?.command);
    return h ? [defined({ command, user: str(h.user), privileged: bool(h.privileged) })] : [];
  });
}

/** Which device keys a service sets, as dotted paths (reported, never mapped: devices need device plugins). */
export function deviceKeys(s: Plain): string[] {
  const reservations = obj(obj(obj(s.deploy)?.resources)?.reservations);
  return [
    ...(['devices', 'generic_resources'] as const).filter((key) => reservations?.[key] !== undefined).map((key) => `deploy.resources.reservations.${key}`),
    ...(['devices', 'gpus', 'device_cgroup_rules'] as const).filter((key) => s[key] !== undefined),
  ];
}

function resourceSpec(value: unknown): ResourcesSpec | undefined {
  const r = obj(value);
  if (!r) return undefined;
  const cpus = num(r.cpus);
  return defined({
    cpus,
    millicores: cpus === undefined ? undefined : Math.ceil(Math.round(cpus * 1e6) / 1e3),
    memoryBytes: bytes(r.memory),
    pids: num(r.pids),
  });
}

function updateConfig(value: unknown): UpdateConfigSpec | undefined {
  const u = obj(value);
  if (!u) return undefined;
  return defined({
    parallelism: num(u.parallelism),
    delayMs: durationMs(u.delay),
    failureAction: str(u.failure_action),
    monitorMs: durationMs(u.monitor),
    maxFailureRatio: num(u.max_failure_ratio),
    order: str(u.order),
  });
}

function restartPolicy(value: unknown): RestartPolicySpec | undefined {
  const r = obj(value);
  if (!r) return undefined;
  return defined({
    condition: str(r.condition),
    delayMs: durationMs(r.delay),
    maxAttempts: num(r.max_attempts),
    windowMs: durationMs(r.window),
  });
}

function placement(value: unknown): PlacementSpec | undefined {
  const p = obj(value);
  if (!p) return undefined;
  return defined({
    constraints: strList(p.constraints),
    preferences: list(p.preferences).flatMap((pref) => str(obj(pref)?.spread) ?? []),
    maxReplicasPerNode: num(p.max_replicas_per_node),
  });
}

export function networks(value: unknown, at: PositionAt): Record<string, ServiceNetworkSpec> {
  return Object.fromEntries(
    Object.entries(obj(value) ?? {}).map(([name, config]) => {
      const c: Plain = obj(config) ?? {};
      return [
        name,
        defined({
          aliases: strList(c.aliases),
          ipv4Address: str(c.ipv4_address),
          ipv6Address: str(c.ipv6_address),
          pos: at(`networks.${name}`),
        }),
      ];
    }),
  );
}

export function dependsOn(value: unknown, at: PositionAt): Record<string, DependsOnSpec> {
  return Object.fromEntries(
    Object.entries(obj(value) ?? {}).map(([name, config]) => {
      const c: Plain = obj(config) ?? {};
      return [
        name,
        defined({
          condition: str(c.condition) ?? 'service_started',
          required: bool(c.required) ?? true,
          restart: bool(c.restart) ?? false,
          pos: at(`depends_on.${name}`),
        }),
      ];
    }),
  );
}

export function fileReferences(key: 'secrets' | 'configs', value: unknown, at: PositionAt): FileReferenceSpec[] {
  return list(value).flatMap((item, i) => {
    const r = obj(item);
    const source = str(r?.source);
    return r && source !== undefined
      ? [defined({ source, target: str(r.target), uid: str(r.uid), gid: str(r.gid), mode: fileMode(r.mode), pos: at(`${key}.${i}`) })]
      : [];
  });
}

export function extraHosts(value: unknown, at: PositionAt): ExtraHostSpec[] {
  return strList(value).flatMap((line, i) => {
    const eq = line.indexOf('=');
    return eq > 0 ? [defined({ host: line.slice(0, eq), ip: line.slice(eq + 1), pos: at(`extra_hosts.${i}`) })] : [];
  });
}

export function ulimits(value: unknown): Record<string, UlimitSpec> {
  return Object.fromEntries(
    Object.entries(obj(value) ?? {}).flatMap(([name, limit]) => {
      const single = num(limit);
      const pair = obj(limit);
      const soft = single ?? num(pair?.soft);
      const hard = single ?? num(pair?.hard);
      return soft !== undefined && hard !== undefined ? [[name, { soft, hard }]] : [];
    }),
  );
}

export function logging(value: unknown): LoggingSpec | undefined {
  const l = obj(value);
  return l ? defined({ driver: str(l.driver), options: strMap(l.options) }) : undefined;
}
