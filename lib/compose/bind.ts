import type { SourcePosition } from '../errors';
import type { ComposeProject, ConfigSpec, NetworkSpec, SecretSpec, ServiceSpec, VolumeSpec } from './model';
import { PMap, PMapEntry, child, isMap, toPlain } from './tree';
import { collectPositions } from './bind/positions';
import { lookupOwn } from './dotenv';
import { Plain, bool, defined, num, obj, str, strList, strMap } from './bind/read';
import * as part from './bind/service-parts';

/** What binding needs besides the normalized tree. */
export interface BindOptions {
  /** Absolute project directory. */
  readonly workingDir: string;
  /** The compose files, in merge order. */
  readonly files: readonly string[];
  /**
   * What the project's env files define: a config declared with `environment: VAR` takes VAR's value from it as
   * its content, as compose-go does (which also reads the process environment; we never do).
   * @default - nothing: such configs have no content
   */
  readonly projectEnvironment?: Readonly<Record<string, string>>;
  /** Every variable interpolation substituted, with its value. @default - none */
  readonly substituted?: Readonly<Record<string, string>>;
}

/**
 * Stage "bind": the normalized, validated tree into the typed model, keeping where every key was written.
 * Pure and total: it reads canonical shapes only (normalize produced them, validate vouched for them) and
 * skips what it cannot read rather than throwing.
 */
export function bind(tree: PMap, options: BindOptions): ComposeProject {
  const services = child(tree, 'services');
  return {
    name: str(toPlainAt(tree, 'name')) ?? '',
    workingDir: options.workingDir,
    files: options.files,
    services: isMap(services) ? services.entries.filter((e) => isMap(e.value)).map(bindService) : [],
    networks: resources(tree, 'networks', (r, pos): NetworkSpec =>
      defined({ ...named(r, pos), driver: str(r.driver), internal: bool(r.internal) ?? false }),
    ),
    volumes: resources(tree, 'volumes', (r, pos): VolumeSpec =>
      defined({ ...named(r, pos), driver: str(r.driver), driverOpts: strMap(r.driver_opts), labels: strMap(r.labels) }),
    ),
    secrets: resources(tree, 'secrets', (r, pos): SecretSpec => defined({ ...named(r, pos), ...sourced(r) })),
    configs: resources(tree, 'configs', (r, pos): ConfigSpec => {
      // Secrets with `environment:` get no value although compose-go resolves them too: the converter only
      // references a secret by name, so the loader never holds its value.
      const variable = str(r.environment);
      const fromEnv = variable === undefined ? undefined : lookupOwn(options.projectEnvironment ?? {}, variable);
      const content = str(r.content) ?? fromEnv;
      return defined({ ...named(r, pos), ...sourced(r), content });
    }),
    extensions: Object.fromEntries(tree.entries.filter((e) => e.key.startsWith('x-')).map((e) => [e.key, toPlain(e.value)])),
    substituted: options.substituted ?? {},
  };
}

function bindService(entry: PMapEntry): ServiceSpec {
  const node = entry.value as PMap;
  const s = toPlain(node) as Plain;
  const positions = collectPositions(node);
  const at: part.PositionAt = (path) => positions[path];
  const keyPositions = Object.fromEntries(
    node.entries.flatMap((e): Array<[string, SourcePosition]> => {
      const pos = e.keyPos ?? e.value.pos;
      return pos ? [[e.key, pos]] : [];
    }),
  );
  return defined({
    name: entry.key,
    pos: entry.keyPos,
    keyPositions,
    positions,
    raw: s,
    image: str(s.image),
    build: part.build(s.build),
    pullPolicy: str(s.pull_policy),
    platform: str(s.platform),
    command: s.command === undefined || s.command === null ? undefined : strList(s.command),
    entrypoint: s.entrypoint === undefined || s.entrypoint === null ? undefined : strList(s.entrypoint),
    workingDir: str(s.working_dir),
    user: str(s.user),
    environment: strMap(s.environment, true),
    envFiles: part.envFiles(s.env_file, at),
    ports: part.ports(s.ports, at),
    expose: strList(s.expose),
    volumes: part.volumes(s.volumes, at),
    tmpfs: strList(s.tmpfs),
    healthcheck: part.healthcheck(s.healthcheck, at),
    deploy: part.deploy(s.deploy),
    scale: num(s.scale),
    tty: bool(s.tty),
    stdinOpen: bool(s.stdin_open),
    init: bool(s.init),
    postStart: part.lifecycleHooks(s.post_start),
    preStop: part.lifecycleHooks(s.pre_stop),
    labelFiles: s.label_file === undefined ? [] : strList(s.label_file),
    externalLinks: strList(s.external_links),
    groupAdd: strList(s.group_add),
    volumesFrom: strList(s.volumes_from),
    deviceKeys: part.deviceKeys(s),
    restart: str(s.restart),
    readOnly: bool(s.read_only),
    privileged: bool(s.privileged),
    capAdd: strList(s.cap_add),
    capDrop: strList(s.cap_drop),
    securityOpt: strList(s.security_opt),
    networkMode: str(s.network_mode),
    pid: str(s.pid),
    ipc: str(s.ipc),
    stopGracePeriodMs: part.durationMs(s.stop_grace_period),
    stopSignal: str(s.stop_signal),
    labels: strMap(s.labels),
    annotations: strMap(s.annotations),
    networks: part.networks(s.networks, at),
    dependsOn: part.dependsOn(s.depends_on, at),
    links: strList(s.links),
    secrets: part.fileReferences('secrets', s.secrets, at),
    configs: part.fileReferences('configs', s.configs, at),
    extraHosts: part.extraHosts(s.extra_hosts, at),
    dns: strList(s.dns),
    dnsSearch: strList(s.dns_search),
    dnsOpt: strList(s.dns_opt),
    sysctls: strMap(s.sysctls),
    ulimits: part.ulimits(s.ulimits),
    shmSizeBytes: part.bytes(s.shm_size),
    memLimitBytes: part.bytes(s.mem_limit),
    memReservationBytes: part.bytes(s.mem_reservation),
    cpus: num(s.cpus),
    logging: part.logging(s.logging),
    profiles: strList(s.profiles),
    hostname: str(s.hostname),
    containerName: str(s.container_name),
    webstack: s['x-webstack'],
    extensions: Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith('x-'))),
  });
}

function toPlainAt(tree: PMap, key: string): unknown {
  const node = child(tree, key);
  return node ? toPlain(node) : undefined;
}

function resources<T>(tree: PMap, key: string, read: (r: Plain, pos: SourcePosition | undefined) => T): Record<string, T> {
  const section = child(tree, key);
  if (!isMap(section)) return {};
  return Object.fromEntries(section.entries.map((e) => [e.key, read(obj(toPlain(e.value)) ?? {}, e.keyPos)]));
}

function named(r: Plain, pos: SourcePosition | undefined): { name: string; external: boolean; pos?: SourcePosition } {
  return { name: str(r.name) ?? '', external: bool(r.external) ?? false, pos };
}

function sourced(r: Plain): { file?: string; environment?: string } {
  return { file: str(r.file), environment: str(r.environment) };
}
