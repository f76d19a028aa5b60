import type { SourcePosition } from '../errors';

/**
 * The intermediate model: a Compose project after parse, interpolate, merge, normalize and validate, as plain
 * TypeScript data. No yaml and no Kubernetes types: the converter reads this and nothing else. Units are fixed
 * (durations in milliseconds, sizes in bytes, CPU in cores and millicores); lists are never undefined (empty
 * instead), so consumers only test optional scalars.
 *
 * Every service carries where each key was written (`keyPositions`, `positions`), so the converter can report
 * any key as mapped or warned at file:line:column: nothing is dropped silently.
 */
export interface ComposeProject {
  /** Project name (`name:` or the directory name), lower-cased as Compose does. */
  readonly name: string;
  /** Absolute project directory; relative paths in the files were resolved against it. */
  readonly workingDir: string;
  /** The compose files, in merge order. */
  readonly files: readonly string[];
  /** Services in file order. */
  readonly services: readonly ServiceSpec[];
  readonly networks: Readonly<Record<string, NetworkSpec>>;
  readonly volumes: Readonly<Record<string, VolumeSpec>>;
  readonly secrets: Readonly<Record<string, SecretSpec>>;
  readonly configs: Readonly<Record<string, ConfigSpec>>;
  /** Top-level `x-*` extension fields, raw. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /**
   * Every variable interpolation substituted into the files, with its value: a secret among them may sit inside
   * any string of the model (a command, a probe, a config), and the converter must keep it out of the manifests.
   */
  readonly substituted: Readonly<Record<string, string>>;
}

/** One service, typed. Optional fields are absent when the files do not set them. */
export interface ServiceSpec {
  /** Service name as written (not yet a DNS label). */
  readonly name: string;
  /** Where the service's name was written. @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
  /** Every key the service sets (`image`, `ports`, `x-webstack`, …) and where that key was written. */
  readonly keyPositions: Readonly<Record<string, SourcePosition>>;
  /**
   * Position of every nested key and list item, by dotted path below the service (`healthcheck.interval`,
   * `ports.1`, `deploy.resources.limits.cpus`); map keys point at the key, list items at the item.
   */
  readonly positions: Readonly<Record<string, SourcePosition>>;
  /** The normalized service as plain JSON, for keys the typed fields below do not cover. */
  readonly raw: Readonly<Record<string, unknown>>;

  /** @default - none: a build-only service (the converter asks for an image name) */
  readonly image?: string;
  /** @default - no build: the image is pulled */
  readonly build?: BuildSpec;
  /** Compose's `pull_policy`. @default - Compose's `missing` */
  readonly pullPolicy?: string;
  /** `os/arch[/variant]`. @default - the node's platform */
  readonly platform?: string;
  /**
   * argv; a string `command` was split with shell quoting rules, as Compose does. Empty list = reset.
   * @default - the image's CMD
   */
  readonly command?: readonly string[];
  /** argv, as `command`. @default - the image's ENTRYPOINT */
  readonly entrypoint?: readonly string[];
  /** @default - the image's WORKDIR */
  readonly workingDir?: string;
  /** @default - the image's USER */
  readonly user?: string;
  /**
   * Key to value. A key listed without a value takes it from the project's env files (`.env` / `--env-file`);
   * null means they do not define it either (Compose would read the machine's environment; we never do).
   */
  readonly environment: Readonly<Record<string, string | null>>;
  readonly envFiles: readonly EnvFileSpec[];
  readonly ports: readonly PortSpec[];
  /** Container ports (or ranges) exposed to other services only. */
  readonly expose: readonly string[];
  readonly volumes: readonly VolumeMountSpec[];
  /** `tmpfs:` paths as written (`/run` or `/run:size=64m`). */
  readonly tmpfs: readonly string[];
  /** @default - the image's HEALTHCHECK, if any */
  readonly healthcheck?: HealthcheckSpec;
  /** @default - no deploy block */
  readonly deploy?: DeploySpec;
  /** Compose's `scale` (the older spelling of `deploy.replicas`). @default - not set */
  readonly scale?: number;
  /** @default false */
  readonly tty?: boolean;
  /** @default false */
  readonly stdinOpen?: boolean;
  /** Run an init process as PID 1. @default false */
  readonly init?: boolean;
  /** `post_start` hooks, in order. */
  readonly postStart: readonly LifecycleHookSpec[];
  /** `pre_stop` hooks, in order. */
  readonly preStop: readonly LifecycleHookSpec[];
  /** `label_file` paths as written (relative to the project directory). */
  readonly labelFiles: readonly string[];
  /** `external_links` as written. */
  readonly externalLinks: readonly string[];
  /** `group_add` entries as written (numbers or names). */
  readonly groupAdd: readonly string[];
  /** `volumes_from` entries as written. */
  readonly volumesFrom: readonly string[];
  /** The device keys the service sets (`devices`, `gpus`, `device_cgroup_rules`, and under deploy reservations). */
  readonly deviceKeys: readonly string[];
  /** `no`, `always`, `on-failure[:N]`, `unless-stopped`. @default - Compose's `no` */
  readonly restart?: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** @default false */
  readonly privileged?: boolean;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly securityOpt: readonly string[];
  /** @default - the service's own network namespace on its networks */
  readonly networkMode?: string;
  /** @default - the container's own PID namespace */
  readonly pid?: string;
  /** @default - the container's own IPC namespace */
  readonly ipc?: string;
  /** @default - Compose's 10 s */
  readonly stopGracePeriodMs?: number;
  /** @default - the image's STOPSIGNAL, else SIGTERM */
  readonly stopSignal?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Networks the service joins (`default` when the files name none and set no `network_mode`). */
  readonly networks: Readonly<Record<string, ServiceNetworkSpec>>;
  readonly dependsOn: Readonly<Record<string, DependsOnSpec>>;
  /** `links` entries as written (`db` or `db:alias`). */
  readonly links: readonly string[];
  readonly secrets: readonly FileReferenceSpec[];
  readonly configs: readonly FileReferenceSpec[];
  readonly extraHosts: readonly ExtraHostSpec[];
  readonly dns: readonly string[];
  readonly dnsSearch: readonly string[];
  readonly dnsOpt: readonly string[];
  readonly sysctls: Readonly<Record<string, string>>;
  readonly ulimits: Readonly<Record<string, UlimitSpec>>;
  /** @default - Docker's 64 MiB */
  readonly shmSizeBytes?: number;
  /** Service-level `mem_limit`. @default - no limit */
  readonly memLimitBytes?: number;
  /** Service-level `mem_reservation`. @default - no reservation */
  readonly memReservationBytes?: number;
  /** Service-level `cpus`, in cores. @default - no limit */
  readonly cpus?: number;
  /** @default - the engine's logging driver */
  readonly logging?: LoggingSpec;
  readonly profiles: readonly string[];
  /** @default - the container id */
  readonly hostname?: string;
  /** @default - generated from project and service */
  readonly containerName?: string;
  /**
   * The `x-webstack:` block, raw (the converter validates it).
   * @default - no block: role and settings come from the compose keys alone
   */
  readonly webstack?: unknown;
  /** Every `x-*` key of the service, raw. */
  readonly extensions: Readonly<Record<string, unknown>>;
}

export interface BuildSpec {
  /** Absolute directory, or a remote context (git URL) as written. */
  readonly context: string;
  /** @default "Dockerfile" */
  readonly dockerfile: string;
  /** @default - the last stage */
  readonly target?: string;
  readonly args: Readonly<Record<string, string | null>>;
}

export interface EnvFileSpec {
  /** Absolute path. */
  readonly path: string;
  /** False when a missing file is fine. @default true */
  readonly required: boolean;
  /** `raw` skips interpolation of the file's values. @default - Compose's dotenv format */
  readonly format?: string;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface PortSpec {
  /** Container port. */
  readonly target: number;
  /** Host port or range (`8080`, `8000-8010`), as Compose keeps it. @default - not published */
  readonly published?: string;
  /** @default - all interfaces */
  readonly hostIp?: string;
  /** `tcp`, `udp` or `sctp`. @default "tcp" */
  readonly protocol: string;
  /** `ingress` or `host`. @default "ingress" */
  readonly mode: string;
  /** @default - unnamed */
  readonly name?: string;
  /** @default - unset */
  readonly appProtocol?: string;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface VolumeMountSpec {
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /**
   * Absolute host path for binds, volume name for named volumes; absent for anonymous volumes and tmpfs.
   * @default - none (anonymous volume or tmpfs)
   */
  readonly source?: string;
  readonly target: string;
  /** @default false */
  readonly readOnly: boolean;
  /** `volume.nocopy`. @default false */
  readonly nocopy: boolean;
  /** `bind.create_host_path` (true for short syntax). @default false */
  readonly createHostPath: boolean;
  /** @default - rprivate */
  readonly propagation?: string;
  /** @default - no relabelling */
  readonly selinux?: string;
  /** `volume.subpath`. @default - the volume root */
  readonly subpath?: string;
  /** `tmpfs.size`. @default - unlimited */
  readonly tmpfsSizeBytes?: number;
  /** `tmpfs.mode`, numeric. @default - 1777 */
  readonly tmpfsMode?: number;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

/** How a healthcheck runs its test. */
export type HealthcheckTest =
  | { readonly kind: 'exec'; readonly argv: readonly string[] }
  | { readonly kind: 'shell'; readonly command: string }
  | { readonly kind: 'none' };

export interface HealthcheckSpec {
  /** @default - the image's HEALTHCHECK */
  readonly test?: HealthcheckTest;
  /** @default - Compose's 30s */
  readonly intervalMs?: number;
  /** @default - Compose's 30s */
  readonly timeoutMs?: number;
  /** @default - Compose's 3 */
  readonly retries?: number;
  /** @default - Compose's 0s */
  readonly startPeriodMs?: number;
  /** @default - Compose's 5s */
  readonly startIntervalMs?: number;
  /** `disable: true` or a `NONE` test. @default false */
  readonly disable: boolean;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

/** A `post_start`/`pre_stop` hook. */
export interface LifecycleHookSpec {
  /** argv; a string command becomes `["/bin/sh", "-c", command]`. */
  readonly command: readonly string[];
  /** @default - the container's user */
  readonly user?: string;
  /** @default false */
  readonly privileged?: boolean;
}

export interface ResourcesSpec {
  /** CPUs in cores (`0.5`). @default - not set */
  readonly cpus?: number;
  /** CPUs in millicores (`500`), rounded up. @default - not set */
  readonly millicores?: number;
  /** @default - not set */
  readonly memoryBytes?: number;
  /** @default - not set */
  readonly pids?: number;
}

export interface UpdateConfigSpec {
  /** @default - Compose's 1 */
  readonly parallelism?: number;
  /** @default 0 */
  readonly delayMs?: number;
  /** @default - Compose's `pause` */
  readonly failureAction?: string;
  /** @default - Compose's 5 s */
  readonly monitorMs?: number;
  /** @default 0 */
  readonly maxFailureRatio?: number;
  /** `stop-first` or `start-first`. @default - Compose's `stop-first` */
  readonly order?: string;
}

export interface RestartPolicySpec {
  /** `none`, `on-failure` or `any`. @default - Compose's `any` */
  readonly condition?: string;
  /** @default 0 */
  readonly delayMs?: number;
  /** @default - unlimited */
  readonly maxAttempts?: number;
  /** @default - decided immediately */
  readonly windowMs?: number;
}

export interface PlacementSpec {
  readonly constraints: readonly string[];
  /** `spread` expressions. */
  readonly preferences: readonly string[];
  /** @default - unlimited */
  readonly maxReplicasPerNode?: number;
}

export interface DeploySpec {
  /** `replicated`, `global`, `replicated-job`, `global-job`. @default - Compose's `replicated` */
  readonly mode?: string;
  /** @default - Compose's 1 */
  readonly replicas?: number;
  /** @default - no limits */
  readonly limits?: ResourcesSpec;
  /** @default - no reservations */
  readonly reservations?: ResourcesSpec;
  /** @default - Compose's update defaults */
  readonly updateConfig?: UpdateConfigSpec;
  /** @default - Compose's rollback defaults */
  readonly rollbackConfig?: UpdateConfigSpec;
  /** @default - the service's `restart` */
  readonly restartPolicy?: RestartPolicySpec;
  /** @default - no constraints */
  readonly placement?: PlacementSpec;
  readonly labels: Readonly<Record<string, string>>;
  /** `vip` or `dnsrr`. @default - not set */
  readonly endpointMode?: string;
}

export interface ServiceNetworkSpec {
  readonly aliases: readonly string[];
  /** @default - assigned by the engine */
  readonly ipv4Address?: string;
  /** @default - assigned by the engine */
  readonly ipv6Address?: string;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface DependsOnSpec {
  /** `service_started`, `service_healthy` or `service_completed_successfully`. @default "service_started" */
  readonly condition: string;
  /** False: a missing dependency is fine. @default true */
  readonly required: boolean;
  /** Restart the dependent when the dependency restarts. @default false */
  readonly restart: boolean;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

/** A service's use of a top-level secret or config. */
export interface FileReferenceSpec {
  readonly source: string;
  /** @default - `/run/secrets/<source>` for secrets, `/<source>` for configs */
  readonly target?: string;
  /** @default - the container user */
  readonly uid?: string;
  /** @default - the container group */
  readonly gid?: string;
  /** @default - 0444 */
  readonly mode?: number;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface ExtraHostSpec {
  readonly host: string;
  readonly ip: string;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface UlimitSpec {
  readonly soft: number;
  readonly hard: number;
}

export interface LoggingSpec {
  /** @default - the engine's default driver */
  readonly driver?: string;
  readonly options: Readonly<Record<string, string>>;
}

export interface NetworkSpec {
  /** Runtime name (`<project>_<key>`, or the external network's name). */
  readonly name: string;
  /** @default false */
  readonly external: boolean;
  /** @default - the engine's default (bridge) */
  readonly driver?: string;
  /** @default false */
  readonly internal: boolean;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface VolumeSpec {
  /** Runtime name (`<project>_<key>`, or the external volume's name). */
  readonly name: string;
  /** @default false */
  readonly external: boolean;
  /** @default - the engine's default (local) */
  readonly driver?: string;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface SecretSpec {
  readonly name: string;
  /** @default false */
  readonly external: boolean;
  /** Absolute path of the file holding the value (never read by the loader). @default - not file-based */
  readonly file?: string;
  /** Name of the environment variable holding the value (never read by the loader). @default - not environment-based */
  readonly environment?: string;
  /** @default - no source (a synthesized value) */
  readonly pos?: SourcePosition;
}

export interface ConfigSpec extends SecretSpec {
  /** Inline `content:`, or for `environment: VAR` the value the project's env files give VAR. @default - not inline */
  readonly content?: string;
}
