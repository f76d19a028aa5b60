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
}

/** One service, typed. Optional fields are absent when the files do not set them. */
export interface ServiceSpec {
  /** Service name as written (not yet a DNS label). */
  readonly name: string;
  /** Where the service's name was written. */
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

  readonly image?: string;
  readonly build?: BuildSpec;
  /** Compose's `pull_policy`. */
  readonly pullPolicy?: string;
  /** `os/arch[/variant]`. */
  readonly platform?: string;
  /** argv; a string `command` was split with shell quoting rules, as Compose does. Empty list = reset. */
  readonly command?: readonly string[];
  /** argv, as `command`. */
  readonly entrypoint?: readonly string[];
  readonly workingDir?: string;
  readonly user?: string;
  /** Key to value; null means "no value given" (Compose would read the runtime environment; we never do). */
  readonly environment: Readonly<Record<string, string | null>>;
  readonly envFiles: readonly EnvFileSpec[];
  readonly ports: readonly PortSpec[];
  /** Container ports (or ranges) exposed to other services only. */
  readonly expose: readonly string[];
  readonly volumes: readonly VolumeMountSpec[];
  /** `tmpfs:` paths as written (`/run` or `/run:size=64m`). */
  readonly tmpfs: readonly string[];
  readonly healthcheck?: HealthcheckSpec;
  readonly deploy?: DeploySpec;
  /** `no`, `always`, `on-failure[:N]`, `unless-stopped`. */
  readonly restart?: string;
  readonly readOnly?: boolean;
  readonly privileged?: boolean;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly securityOpt: readonly string[];
  readonly networkMode?: string;
  readonly pid?: string;
  readonly ipc?: string;
  readonly stopGracePeriodMs?: number;
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
  readonly shmSizeBytes?: number;
  /** Service-level `mem_limit`. */
  readonly memLimitBytes?: number;
  /** Service-level `mem_reservation`. */
  readonly memReservationBytes?: number;
  /** Service-level `cpus`, in cores. */
  readonly cpus?: number;
  readonly logging?: LoggingSpec;
  readonly profiles: readonly string[];
  readonly hostname?: string;
  readonly containerName?: string;
  /** The `x-webstack:` block, raw (the converter validates it). */
  readonly webstack?: unknown;
  /** Every `x-*` key of the service, raw. */
  readonly extensions: Readonly<Record<string, unknown>>;
}

export interface BuildSpec {
  /** Absolute directory, or a remote context (git URL) as written. */
  readonly context: string;
  /** @default "Dockerfile" */
  readonly dockerfile: string;
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
  readonly name?: string;
  readonly appProtocol?: string;
  readonly pos?: SourcePosition;
}

export interface VolumeMountSpec {
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /** Absolute host path for binds, volume name for named volumes; absent for anonymous volumes and tmpfs. */
  readonly source?: string;
  readonly target: string;
  /** @default false */
  readonly readOnly: boolean;
  /** `volume.nocopy`. @default false */
  readonly nocopy: boolean;
  /** `bind.create_host_path` (true for short syntax). @default false */
  readonly createHostPath: boolean;
  readonly propagation?: string;
  readonly selinux?: string;
  /** `volume.subpath`. */
  readonly subpath?: string;
  /** `tmpfs.size`. */
  readonly tmpfsSizeBytes?: number;
  /** `tmpfs.mode`, numeric. */
  readonly tmpfsMode?: number;
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
  readonly pos?: SourcePosition;
}

export interface ResourcesSpec {
  /** CPUs in cores (`0.5`). */
  readonly cpus?: number;
  /** CPUs in millicores (`500`), rounded up. */
  readonly millicores?: number;
  readonly memoryBytes?: number;
  readonly pids?: number;
}

export interface UpdateConfigSpec {
  readonly parallelism?: number;
  readonly delayMs?: number;
  readonly failureAction?: string;
  readonly monitorMs?: number;
  readonly maxFailureRatio?: number;
  /** `stop-first` or `start-first`. */
  readonly order?: string;
}

export interface RestartPolicySpec {
  /** `none`, `on-failure` or `any`. */
  readonly condition?: string;
  readonly delayMs?: number;
  readonly maxAttempts?: number;
  readonly windowMs?: number;
}

export interface PlacementSpec {
  readonly constraints: readonly string[];
  /** `spread` expressions. */
  readonly preferences: readonly string[];
  readonly maxReplicasPerNode?: number;
}

export interface DeploySpec {
  /** `replicated`, `global`, `replicated-job`, `global-job`. */
  readonly mode?: string;
  readonly replicas?: number;
  readonly limits?: ResourcesSpec;
  readonly reservations?: ResourcesSpec;
  readonly updateConfig?: UpdateConfigSpec;
  readonly rollbackConfig?: UpdateConfigSpec;
  readonly restartPolicy?: RestartPolicySpec;
  readonly placement?: PlacementSpec;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ServiceNetworkSpec {
  readonly aliases: readonly string[];
  readonly ipv4Address?: string;
  readonly ipv6Address?: string;
  readonly pos?: SourcePosition;
}

export interface DependsOnSpec {
  /** `service_started`, `service_healthy` or `service_completed_successfully`. @default "service_started" */
  readonly condition: string;
  /** False: a missing dependency is fine. @default true */
  readonly required: boolean;
  /** Restart the dependent when the dependency restarts. @default false */
  readonly restart: boolean;
  readonly pos?: SourcePosition;
}

/** A service's use of a top-level secret or config. */
export interface FileReferenceSpec {
  readonly source: string;
  /** @default - `/run/secrets/<source>` for secrets, `/<source>` for configs */
  readonly target?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: number;
  readonly pos?: SourcePosition;
}

export interface ExtraHostSpec {
  readonly host: string;
  readonly ip: string;
  readonly pos?: SourcePosition;
}

export interface UlimitSpec {
  readonly soft: number;
  readonly hard: number;
}

export interface LoggingSpec {
  readonly driver?: string;
  readonly options: Readonly<Record<string, string>>;
}

export interface NetworkSpec {
  /** Runtime name (`<project>_<key>`, or the external network's name). */
  readonly name: string;
  /** @default false */
  readonly external: boolean;
  readonly driver?: string;
  /** @default false */
  readonly internal: boolean;
  readonly pos?: SourcePosition;
}

export interface VolumeSpec {
  /** Runtime name (`<project>_<key>`, or the external volume's name). */
  readonly name: string;
  /** @default false */
  readonly external: boolean;
  readonly driver?: string;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly pos?: SourcePosition;
}

export interface SecretSpec {
  readonly name: string;
  /** @default false */
  readonly external: boolean;
  /** Absolute path of the file holding the value (never read by the loader). */
  readonly file?: string;
  /** Name of the environment variable holding the value (never read by the loader). */
  readonly environment?: string;
  readonly pos?: SourcePosition;
}

export interface ConfigSpec extends SecretSpec {
  /** Inline `content:`. */
  readonly content?: string;
}
