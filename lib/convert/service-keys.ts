import type { ConvertCode } from './codes';

/** The converter module that reads a key and turns it into construct props (and its own diagnostics). */
export type Concern =
  | 'image'
  | 'process'
  | 'environment'
  | 'health'
  | 'lifecycle'
  | 'scaling'
  | 'resources'
  | 'storage'
  | 'files'
  | 'security'
  | 'networking'
  | 'metadata';

/** A key some concern maps; that concern reports whatever part of it cannot be honoured. */
export interface MappedKey {
  readonly mappedBy: Concern;
}

/** A key nothing maps: one positioned diagnostic saying what Kubernetes does instead. */
export interface ReportedKey {
  readonly code: ConvertCode;
  /** What happens in Kubernetes instead, completing "<key> is not converted: ...". */
  readonly instead: string;
  readonly fix?: string;
}

export type KeyRule = MappedKey | ReportedKey;

const mapped = (mappedBy: Concern): MappedKey => ({ mappedBy });
const unsupported = (instead: string, fix?: string): ReportedKey => ({ code: 'unsupported-key', instead, fix });
const ignored = (instead: string): ReportedKey => ({ code: 'ignored-key', instead });

const NO_CGROUP_KNOB = 'Kubernetes exposes no per-container cgroup tuning beyond requests and limits';

/**
 * Every service key of the Compose specification and what the converter does with it, one line each (the test
 * checks this table against the schema's service keys, so a key added to Compose cannot slip through). Keys a
 * project uses that are missing here still draw an `unsupported-key` warning: nothing is dropped silently.
 */
export const SERVICE_KEYS: Readonly<Record<string, KeyRule>> = {
  // image and process
  image: mapped('image'),
  build: mapped('image'),
  pull_policy: mapped('image'),
  pull_refresh_after: unsupported('the kubelet pulls according to imagePullPolicy only'),
  platform: mapped('image'),
  command: mapped('process'),
  entrypoint: mapped('process'),
  working_dir: mapped('process'),
  tty: mapped('process'),
  stdin_open: mapped('process'),
  init: mapped('process'),
  post_start: mapped('process'),
  pre_stop: mapped('process'),
  // environment
  environment: mapped('environment'),
  env_file: mapped('environment'),
  // health and lifecycle
  healthcheck: mapped('health'),
  restart: mapped('lifecycle'),
  stop_grace_period: mapped('lifecycle'),
  stop_signal: mapped('lifecycle'),
  // scaling and placement
  deploy: mapped('scaling'),
  scale: mapped('scaling'),
  // resources
  cpus: mapped('resources'),
  mem_limit: mapped('resources'),
  mem_reservation: mapped('resources'),
  devices: mapped('resources'),
  gpus: mapped('resources'),
  device_cgroup_rules: mapped('resources'),
  shm_size: mapped('storage'),
  cpu_count: unsupported(NO_CGROUP_KNOB, 'set deploy.resources.limits.cpus'),
  cpu_percent: unsupported(NO_CGROUP_KNOB, 'set deploy.resources.limits.cpus'),
  cpu_shares: unsupported(NO_CGROUP_KNOB, 'set deploy.resources.reservations.cpus (the cpu request sets the share)'),
  cpu_quota: unsupported(NO_CGROUP_KNOB, 'set deploy.resources.limits.cpus'),
  cpu_period: unsupported(NO_CGROUP_KNOB, 'set deploy.resources.limits.cpus'),
  cpu_rt_period: unsupported('realtime scheduling is not available to pods'),
  cpu_rt_runtime: unsupported('realtime scheduling is not available to pods'),
  cpuset: unsupported('cpu pinning is node policy (the kubelet CPU manager), not a pod field'),
  memswap_limit: unsupported('Kubernetes nodes run without swap for pods by default'),
  mem_swappiness: unsupported('Kubernetes nodes run without swap for pods by default'),
  oom_kill_disable: unsupported('the kubelet kills containers that exceed their memory limit'),
  oom_score_adj: unsupported('the kubelet sets oom_score_adj from the pod QoS class'),
  pids_limit: unsupported('the pid limit is a kubelet setting (podPidsLimit), not a pod field'),
  ulimits: unsupported('pods inherit the container runtime ulimits; there is no pod field (kompose#442)', 'raise limits in the image entrypoint, or in the runtime configuration of the nodes'),
  blkio_config: unsupported('block IO weights and throttles have no pod field'),
  storage_opt: unsupported('the writable layer is limited by the ephemeral-storage limit instead'),
  // storage and files
  volumes: mapped('storage'),
  volumes_from: mapped('storage'),
  tmpfs: mapped('storage'),
  secrets: mapped('files'),
  configs: mapped('files'),
  // security
  user: mapped('security'),
  group_add: mapped('security'),
  cap_add: mapped('security'),
  cap_drop: mapped('security'),
  privileged: mapped('security'),
  security_opt: mapped('security'),
  read_only: mapped('security'),
  sysctls: mapped('security'),
  pid: mapped('security'),
  ipc: mapped('security'),
  userns_mode: unsupported('user namespaces are a node feature (hostUsers), not available under the 1.28 floor'),
  cgroup: unsupported('pods always get a private cgroup namespace'),
  cgroup_parent: unsupported('the kubelet places pods in its own cgroup hierarchy'),
  runtime: unsupported('the runtime is chosen by a RuntimeClass, which the cluster administrator defines', 'set runtimeClassName on the generated workload if your cluster has one'),
  isolation: unsupported('isolation modes exist only for Windows containers'),
  credential_spec: unsupported('gMSA credential specs exist only for Windows containers'),
  use_api_socket: unsupported('pods cannot reach a Docker API socket', 'use the Kubernetes API with a ServiceAccount instead'),
  uts: unsupported('pods always get a private UTS namespace'),
  // networking
  ports: mapped('networking'),
  expose: mapped('networking'),
  networks: mapped('networking'),
  network_mode: mapped('networking'),
  depends_on: mapped('networking'),
  links: mapped('networking'),
  external_links: mapped('networking'),
  extra_hosts: mapped('networking'),
  dns: mapped('networking'),
  dns_opt: mapped('networking'),
  dns_search: mapped('networking'),
  hostname: unsupported('every replica of a Deployment would share one hostname; pods are named by the controller'),
  domainname: unsupported('pods get their DNS domain from the cluster'),
  mac_address: unsupported('pod interfaces are managed by the network plugin'),
  // metadata
  labels: mapped('metadata'),
  annotations: mapped('metadata'),
  label_file: mapped('metadata'),
  container_name: ignored('object names come from the service name'),
  profiles: ignored('profiles were applied while loading: only active services are converted'),
  extends: ignored('extends was resolved while loading'),
  attach: ignored('log attachment is a `docker compose up` setting; use kubectl logs'),
  logging: unsupported('container logs go to the node and are collected by the cluster logging stack', 'configure log shipping in the cluster (e.g. a DaemonSet collector)'),
  develop: ignored('develop (watch, sync) is for local development only'),
  provider: unsupported('provider services are run by a Compose plugin, not by a container', 'replace the service with the resource it provisions, or a Service of type ExternalName'),
  models: unsupported('Compose models (AI model runners) have no Kubernetes equivalent', 'run the model server as its own service with an image'),
};

export function isMappedKey(rule: KeyRule): rule is MappedKey {
  return 'mappedBy' in rule;
}
