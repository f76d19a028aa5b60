import type { IConstruct } from 'constructs';
import { POD } from '../defaults';
import type * as k8s from '../../imports/k8s';
import { renderEnv } from '../kube/env';
import { validateImage } from '../kube/image';
import { misuse } from '../kube/misuse';
import { renderProbe, type ProbeOverride, type ProbeSpec, type ProbeTimings } from '../kube/probes';
import { resolveResources } from '../kube/resources';
import { containerSecurityContext, podSecurityContext, validateIdentity } from '../kube/security';
import { renderVolumes, writableVolumes } from '../kube/volumes';
import type { RolePort } from './role';
import type { RoleProfile } from './role-profile';
import type { WorkloadOptions } from './workload-options';

/** Everything a controller (Deployment, StatefulSet, Job) needs from the pod side. */
export interface PodTemplateParts {
  readonly template: k8s.PodTemplateSpec;
  readonly claimTemplates: k8s.KubePersistentVolumeClaimProps[];
  readonly ports: readonly RolePort[];
}

/** Where the pod template gets its names and labels from. */
export interface PodTemplateIdentity {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly selectorLabels: Readonly<Record<string, string>>;
}

/** The sysctl that moves the start of the unprivileged port range (safe under Pod Security baseline). */
const UNPRIVILEGED_PORT_START = 'net.ipv4.ip_unprivileged_port_start';

/** Ports must be unprivileged: from 1024, or from where the pod's sysctl starts the unprivileged range. */
function validatePorts(scope: IConstruct, ports: readonly RolePort[], sysctls: Readonly<Record<string, string>>): readonly RolePort[] {
  const lowest = Math.min(1024, Number(sysctls[UNPRIVILEGED_PORT_START] ?? 1024));
  for (const p of ports) {
    if (!Number.isInteger(p.port) || p.port < lowest || p.port > 65535) {
      throw misuse(scope, 'privileged-port', `container port "${p.name}" is privileged or out of range`, p.port, `listen on an unprivileged port (1024-65535), e.g. 8080, and map 80/443 at the Service, or set sysctls { '${UNPRIVILEGED_PORT_START}': '${p.port}' }`);
    }
    if (!/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/.test(p.name) || !/[a-z]/.test(p.name)) {
      throw misuse(scope, 'invalid-port-name', 'port name is not an IANA service name', p.name, 'use at most 15 lowercase letters, digits and "-", with at least one letter (e.g. "http")');
    }
  }
  return ports;
}

function probe(scope: IConstruct, override: ProbeOverride | undefined, roleDefault: ProbeSpec | undefined, timings: Required<ProbeTimings>, port: number | undefined): k8s.Probe | undefined {
  if (override === false) return undefined;
  const spec = override ?? roleDefault;
  return spec ? renderProbe(scope, spec, timings, port) : undefined;
}

function lifecycle(options: WorkloadOptions, sleepSeconds: number): k8s.Lifecycle | undefined {
  const preStop = options.preStop ?? (sleepSeconds > 0 ? ['sleep', String(sleepSeconds)] : undefined);
  if (!preStop && !options.postStart) return undefined;
  return {
    preStop: preStop ? { exec: { command: [...preStop] } } : undefined,
    postStart: options.postStart ? { exec: { command: [...options.postStart] } } : undefined,
  };
}

function affinity(options: WorkloadOptions, selectorLabels: Readonly<Record<string, string>>): k8s.Affinity {
  const nodeTerms = options.nodeAffinity?.map((r) => ({ key: r.key, operator: r.operator, values: r.values ? [...r.values] : undefined }));
  return {
    // Preferred, not required: a small cluster must still schedule every replica.
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: POD.antiAffinityWeight,
        podAffinityTerm: { topologyKey: POD.topologyKey, labelSelector: { matchLabels: { ...selectorLabels } } },
      }],
    },
    podAffinity: options.sameNodeAs?.length
      ? { requiredDuringSchedulingIgnoredDuringExecution: options.sameNodeAs.map((labels) => ({ topologyKey: POD.topologyKey, labelSelector: { matchLabels: { ...labels } } })) }
      : undefined,
    nodeAffinity: nodeTerms?.length ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: nodeTerms }] } } : undefined,
  };
}

function envFrom(options: WorkloadOptions): k8s.EnvFromSource[] | undefined {
  const sources = [
    ...(options.envFromConfigMaps ?? []).map((name) => ({ configMapRef: { name } })),
    ...(options.envFromSecrets ?? []).map((name) => ({ secretRef: { name } })),
  ];
  return sources.length ? sources : undefined;
}

function nonEmpty<T>(items: readonly T[] | undefined): T[] | undefined {
  return items?.length ? [...items] : undefined;
}

/**
 * Builds the one pod template every role runs: restricted security contexts, a dedicated ServiceAccount without a
 * token, all six resource values, probes, read-only root with emptyDirs for the writable paths, preStop drain,
 * preferred anti-affinity on hostname and no Service env links. User options win over the role profile.
 */
export function buildPodTemplate(scope: IConstruct, id: PodTemplateIdentity, options: WorkloadOptions, profile: RoleProfile): PodTemplateParts {
  const image = options.image ?? profile.image;
  if (!image) throw misuse(scope, 'image-missing', 'image is required for this role', image, 'set image to a pinned reference, e.g. "myorg/api:1.4.2"');
  validateImage(scope, image);
  const identity = validateIdentity(scope, {
    runAsUser: options.runAsUser ?? profile.identity.runAsUser,
    runAsGroup: options.runAsGroup ?? profile.identity.runAsGroup,
    fsGroup: options.fsGroup ?? profile.identity.fsGroup,
    supplementalGroups: options.supplementalGroups,
  });
  const sysctls = options.sysctls ?? {};
  const ports = validatePorts(scope, options.ports ?? profile.ports, sysctls);
  const firstPort = ports[0]?.port;
  const volumes = renderVolumes(scope, [...writableVolumes(profile.writablePaths), ...(profile.volumes ?? [])], options.volumes ?? [], profile.allowClaimTemplates);
  const env = renderEnv({ ...profile.env, ...options.env });
  const grace = options.terminationGracePeriodSeconds ?? profile.shutdown.terminationGracePeriodSeconds;
  const preStopSleep = options.preStopSleepSeconds ?? profile.shutdown.preStopSleepSeconds;
  if (!options.preStop && preStopSleep >= grace) {
    throw misuse(scope, 'prestop-exceeds-grace', 'the preStop sleep uses up the whole termination grace period, so the app never gets time to shut down', { preStopSleepSeconds: preStopSleep, terminationGracePeriodSeconds: grace }, `raise terminationGracePeriodSeconds above ${preStopSleep} or shorten the sleep`);
  }

  const container: k8s.Container = {
    name: id.name,
    image,
    imagePullPolicy: POD.imagePullPolicy,
    command: nonEmpty(options.command ?? profile.command),
    args: nonEmpty(options.args ?? profile.args),
    workingDir: options.workingDir,
    env: nonEmpty(env),
    envFrom: envFrom(options),
    ports: nonEmpty(ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' }))),
    resources: resolveResources(scope, profile.resources, options.resources),
    securityContext: containerSecurityContext(identity),
    startupProbe: probe(scope, options.startup, profile.probes.startup, profile.timings.startup, firstPort),
    livenessProbe: probe(scope, options.liveness, profile.probes.liveness, profile.timings.liveness, firstPort),
    readinessProbe: probe(scope, options.readiness, profile.probes.readiness, profile.timings.readiness, firstPort),
    lifecycle: lifecycle(options, preStopSleep),
    volumeMounts: nonEmpty(volumes.mounts),
  };

  const template: k8s.PodTemplateSpec = {
    metadata: { labels: { ...id.labels }, annotations: options.podAnnotations ? { ...options.podAnnotations } : undefined },
    spec: {
      serviceAccountName: id.name,
      automountServiceAccountToken: false,
      // A Service named `redis` would otherwise inject REDIS_PORT=tcp://... into every pod and confuse apps.
      enableServiceLinks: false,
      restartPolicy: profile.restartPolicy,
      securityContext: podSecurityContext(identity, sysctls),
      terminationGracePeriodSeconds: grace,
      affinity: affinity(options, id.selectorLabels),
      topologySpreadConstraints: nonEmpty(options.topologySpread?.map((t) => ({
        topologyKey: t.topologyKey,
        maxSkew: t.maxSkew ?? 1,
        whenUnsatisfiable: t.whenUnsatisfiable ?? 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...id.selectorLabels } },
      }))),
      hostAliases: nonEmpty(options.hostAliases?.map((h) => ({ ip: h.ip, hostnames: [...h.hostnames] }))),
      dnsConfig: options.dnsConfig ? {
        searches: nonEmpty(options.dnsConfig.searches),
        options: nonEmpty(options.dnsConfig.options?.map((o) => ({ ...o }))),
      } : undefined,
      containers: [container],
      volumes: nonEmpty(volumes.volumes),
    },
  };
  return { template, claimTemplates: volumes.claimTemplates, ports };
}
