import * as path from 'path';
import type { ComposeProject, ServiceSpec } from '../compose/model';
import type { Diagnostic } from '../errors';
import { convertDiagnostic } from './codes';
import { ConfigMapIndex, withConfigHash } from './config-hash';
import { type Peer, type ServiceContext, StackObjects } from './context';
import { diskFiles, type ProjectFiles } from './project-files';
import { resolveImage } from './image';
import { reportUnmappedKeys } from './keys';
import { runsToCompletion } from './lifecycle';
import { dnsLabel } from './names';
import { containerPorts } from './networking';
import { ServiceReporter } from './report';
import { roleSpec } from './role-spec';
import { dependencies } from './dependencies';
import { detectRole, type Role } from './roles';
import { draftService, type ServiceDraft } from './service';
import type { NamedVolumeUse } from './storage';
import type { RoleSpec, StackSpec } from './spec';
import { quotaFor } from './quota';
import { readWebstackBlock } from './x-webstack';
import { STACK_OBJECT_NAMES } from '../defaults';
import { isWithin } from '../paths';
import { MAX_READ_BYTES } from './confine';
import { CONFIGMAP_LIMIT_BYTES } from './bind-mounts';
import { reportSecretsLeft, scrubRole, secretConfigMaps } from './secret-scrub';
import { configTarget, secretTarget } from './files';
import { inferPorts, type InferredPorts } from './port-inference';
import { projectSecretValues, type SecretValues } from './secret-values';

/** Options of the mapping from a loaded Compose project to a stack spec. */
export interface ConvertOptions {
  /** `--image svc=ref`: images for build-only services, or replacements. @default - none */
  readonly images?: Readonly<Record<string, string>>;
  /** Namespace of the stack. @default - the Compose project name */
  readonly namespace?: string;
  /** How project files (bind-mounted config, env files) are read. @default - the local disk */
  readonly projectFiles?: ProjectFiles;
  /**
   * `--allow-path DIR`: directories outside the project whose files (env files, configs, label files) may be read
   * into manifests. @default - only the project directory
   */
  readonly allowPaths?: readonly string[];
  /**
   * `--rwx-storage-class`: a StorageClass that supports ReadWriteMany. A named volume several services mount becomes
   * one ReadWriteMany claim of it (a warning) instead of an error. @default - shared volumes are errors
   */
  readonly rwxStorageClass?: string;
}

/** A stack spec and everything found while deriving it. */
export interface ConvertResult {
  readonly spec: StackSpec;
  readonly diagnostics: Diagnostic[];
  /**
   * Replaces the project's secret values in a text with `<secret VAR>`: diagnostics quote values (an image that
   * came from a secret variable, say), and what the CLI prints lands in terminals and CI logs.
   */
  readonly redact: (text: string) => string;
}

/**
 * Maps a Compose project to a stack spec: one role per service, with every Compose key mapped or reported.
 * Pure apart from reading the project's own files; never throws on user input. The spec is best-effort when
 * there are errors (refused settings are left out), so tools can still show it; the CLI writes nothing then.
 */
export function convertProject(project: ComposeProject, options: ConvertOptions = {}): ConvertResult {
  const diagnostics: Diagnostic[] = [];
  const objects = new StackObjects();
  const images = { ...options.images };
  for (const name of Object.keys(images)) {
    if (!project.services.some((s) => s.name === name)) {
      diagnostics.push(convertDiagnostic('image-override-unknown', `--image names service '${name}', which the project does not have`, { value: name, fix: `use one of ${project.services.map((s) => s.name).join(', ')}` }));
    }
  }
  const awaited = new Set(project.services.flatMap((s) => Object.entries(s.dependsOn).filter(([, d]) => d.condition === 'service_completed_successfully').map(([name]) => name)));

  const files = options.projectFiles ?? diskFiles;
  const allowedRoots = [project.workingDir, ...(options.allowPaths ?? [])].map((dir) => files.realPath(dir) ?? dir);
  const inferred = inferPorts(project, (file) => readProjectText(files, allowedRoots, file));
  const shared: SharedInputs = { project, images, awaited, objects, files, allowedRoots, inferred };
  const detected = project.services.map((service) => serviceContext(service, shared));
  const stackHasEntry = detected.some((ctx) => ctx.role === 'proxy' || ctx.role === 'edge-proxy');
  const contexts = detected.map((ctx) => ({ ...ctx, stackHasEntry }));

  const volumes = sharedVolumes(contexts, options.rwxStorageClass);
  const drafts = new Map(contexts.map((ctx) => [ctx.service.name, draftService(ctx, volumes)] as const));
  colocateClaimUsers(contexts, drafts, objects);
  objects.secretValues = secretValuesOf(project, contexts, drafts);
  const peers = new Map(contexts.map((ctx) => [ctx.service.name, peerOf(ctx, drafts.get(ctx.service.name) as ServiceDraft)]));
  const roles: RoleSpec[] = [];
  const byService = new Map(contexts.map((ctx) => [ctx.service.name, ctx]));
  for (const ctx of contexts) {
    const draft = drafts.get(ctx.service.name) as ServiceDraft;
    const spec = roleSpec(ctx, draft, dependencies(ctx, peers, draft.variables));
    if (spec) {
      scrubRole(ctx, spec, objects.secretValues);
      roles.push(spec);
    }
  }
  secretConfigMaps(objects, roles, byService, objects.secretValues);
  checkConfigMapSizes(objects, roles, byService);
  diagnostics.push(...reportSecretsLeft(roles, byService, objects, objects.secretValues));
  for (const ctx of contexts) diagnostics.push(...ctx.reporter.diagnostics);
  const namespace = options.namespace ?? dnsLabel(project.name);
  if (namespace === 'default' || namespace.startsWith('kube-')) {
    diagnostics.push(
      convertDiagnostic('namespace-reserved', `the stack cannot go into namespace ${namespace}: it puts its namespace under Pod Security restricted and default-deny NetworkPolicies, which would cut off what already runs there`, {
        value: namespace,
        fix: 'name a namespace of its own with -n NAME (or rename the Compose project)',
      }),
    );
  }
  const configMaps = objects.configMapSpecs();
  const configMapIndex = new ConfigMapIndex(configMaps);
  const claims = [...objects.claims.values()];
  const quota = quotaFor(roles, claims);
  return {
    spec: {
      name: dnsLabel(project.name),
      namespace,
      roles: dependencyOrder(roles).map((role) => withConfigHash(role, configMapIndex)),
      configMaps,
      claims,
      secrets: [...objects.secrets].map(([name, keys]) => ({ name, keys: Object.fromEntries(keys) })),
      resourceQuota: Object.keys(quota).length ? quota : undefined,
    },
    diagnostics,
    redact: objects.secretValues.redactor(),
  };
}

/**
 * The project's secret values. One that equals a name the manifests must contain (a service, an image, the
 * project: `POSTGRES_PASSWORD: postgres`) cannot be kept out of them: it is dropped, with a warning to choose a
 * real secret.
 */
function secretValuesOf(project: ComposeProject, contexts: readonly ServiceContext[], drafts: ReadonlyMap<string, ServiceDraft>): SecretValues {
  const secrets = projectSecretValues(project, [...drafts.values()].map((d) => d.variables), (file) => readInside(contexts[0], file));
  // Names, the paths files are mounted at, and their parts (a claim named after volume penpot_assets contains
  // "penpot"; `REDIS_PASSWORD: bitnami` is in the mount path /bitnami/redis/data).
  const mountPaths = (service: ServiceSpec): string[] => [...service.volumes.map((v) => v.target), ...service.secrets.map(secretTarget), ...service.configs.map(configTarget)];
  const whole = [project.name, ...Object.keys(project.volumes), ...Object.keys(project.networks), ...Object.keys(project.configs), ...Object.keys(project.secrets), ...contexts.flatMap((ctx) => [ctx.service.name, ctx.image ?? '', ...mountPaths(ctx.service)])];
  const names = new Set(whole.flatMap((name) => [name, ...name.split(/[-_./:@]+/)]));
  for (const [value, origin] of [...secrets.values()]) {
    if (!names.has(value)) continue;
    secrets.delete(value);
    const owner = contexts.find((ctx) => drafts.get(ctx.service.name)?.variables.has(origin.variable)) ?? contexts[0];
    owner?.reporter.report('secret-value-is-a-name', {
      at: `environment.${origin.variable}`,
      message: `the value of ${origin.variable} is also the name "${value}" that the manifests contain, so it cannot be kept out of them`,
      fix: `use a real secret for ${origin.variable} (e.g. openssl rand -hex 24) and put it only into the Secret`,
    });
  }
  return secrets;
}

/**
 * A secret file's text, to search the output for it: read only where reading it into a manifest would be allowed,
 * and never reported (the file is mounted as a Secret reference, not read for the manifest).
 */
function readInside(ctx: ServiceContext | undefined, file: string): string | undefined {
  const real = ctx?.files.realPath(file);
  if (!ctx || real === undefined || !ctx.allowedRoots.some((root) => isWithin(real, root)) || ctx.files.kind(real) !== 'file' || ctx.files.size(real) > MAX_READ_BYTES) return undefined;
  return ctx.files.read(real).toString('utf8');
}

/** What every service's context shares. */
interface SharedInputs {
  readonly project: ComposeProject;
  readonly images: Readonly<Record<string, string>>;
  /** Services another one waits for with `service_completed_successfully`. */
  readonly awaited: ReadonlySet<string>;
  readonly objects: StackObjects;
  readonly files: ProjectFiles;
  readonly allowedRoots: readonly string[];
  readonly inferred: ReadonlyMap<string, InferredPorts>;
}

/**
 * A project file's text for port inference, or undefined: only regular files inside the allowed roots, at most
 * a ConfigMap's size; a directory gives its files one level deep (nginx `conf.d/`). Nothing read here is written.
 */
function readProjectText(files: ProjectFiles, roots: readonly string[], file: string): string | undefined {
  const real = files.realPath(file);
  if (real === undefined || !roots.some((root) => isWithin(real, root))) return undefined;
  const kind = files.kind(real);
  const readOne = (p: string): string | undefined => (files.kind(p) === 'file' && files.size(p) <= MAX_READ_BYTES ? files.read(p).toString('utf8') : undefined);
  if (kind === 'file') return readOne(real);
  if (kind !== 'directory') return undefined;
  return files.list(real).slice(0, MAX_DIRECTORY_FILES).map((entry) => readOne(`${real}/${entry}`) ?? '').join('\n');
}

/** How many files of a bind-mounted directory port inference reads. */
const MAX_DIRECTORY_FILES = 50;

/** Reads a service's x-webstack block, resolves its image and decides its role. */
function serviceContext(service: ServiceSpec, shared: SharedInputs): ServiceContext {
  const { project, images, awaited, objects, files, allowedRoots, inferred } = shared;
  const inferredPorts = inferred.get(service.name);
  const reporter = new ServiceReporter(service.name, lookupIn(service));
  const webstack = readWebstackBlock(service.webstack, reporter);
  const image = resolveImage(service, images[service.name], webstack, reporter);
  // The role follows the image as written, pinned or not: pinning it later must not change what the service becomes.
  const written = image ?? images[service.name] ?? webstack.image ?? service.image;
  const decision = webstack.role
    ? { role: webstack.role, reason: 'x-webstack.role says so' }
    : detectRole({
        image: written,
        argv: [...(service.entrypoint ?? []), ...(service.command ?? [])],
        hasPorts: containerPorts(service, written, inferredPorts).length > 0,
        publishesPorts: service.ports.some((p) => p.published !== undefined),
        runsToCompletion: runsToCompletion(service),
        readsDockerSocket: service.volumes.some((v) => v.type === 'bind' && path.basename(v.source ?? '') === 'docker.sock'),
        awaitedCompletion: awaited.has(service.name),
      });
  reporter.report('role-detected', { at: webstack.role ? 'x-webstack.role' : undefined, message: `becomes ${decision.role}: ${decision.reason}`, value: decision.role });
  const role = decision.role === 'proxy' && !routesSomewhere(service) ? unroutedProxy(reporter) : decision.role;
  reportUnmappedKeys(service, reporter);
  checkName(service, reporter);
  return { project, service, name: dnsLabel(service.name), role, image, webstack, reporter, objects, files, allowedRoots, inferredPorts };
}

/**
 * A service's name becomes its Service, whose name must be a DNS-1035 label (a letter first), and names the role's
 * NetworkPolicy, which must not take the name of a stack-wide one.
 */
function checkName(service: ServiceSpec, reporter: ServiceReporter): void {
  const name = dnsLabel(service.name);
  const reserved = (Object.values(STACK_OBJECT_NAMES) as string[]).includes(name);
  if (reserved || !/^[a-z]/.test(name)) {
    reporter.report('service-name-invalid', {
      message: reserved
        ? `the name ${name} is taken by the stack's own ${name} object (its NetworkPolicy would replace the stack's)`
        : `a Kubernetes Service name must start with a letter, and ${name} does not`,
      value: service.name,
      fix: `rename the service (and the host name its clients use), e.g. to svc-${name}`,
    });
  }
}

/** A ConfigMap must fit through `kubectl apply` (CONFIGMAP_LIMIT_BYTES); each mount was checked, but several can add up. */
function checkConfigMapSizes(objects: StackObjects, roles: readonly RoleSpec[], contexts: ReadonlyMap<string, ServiceContext>): void {
  for (const [name, map] of objects.configMaps) {
    const bytes = JSON.stringify(map.data).length + JSON.stringify(map.binaryData).length;
    if (bytes <= CONFIGMAP_LIMIT_BYTES) continue;
    const user = roles.find((role) => JSON.stringify(role.props).includes(`"${name}"`));
    contexts.get(user?.service ?? '')?.reporter.report('volume-config-too-large', {
      message: `the ConfigMap ${name} would hold ${bytes} bytes, more than \`kubectl apply\` can carry (${CONFIGMAP_LIMIT_BYTES / 1024} KiB)`,
      value: name,
      fix: 'mount fewer or smaller config files, or bake them into the image',
    });
  }
}

/** A proxy routes to the services it depends on or links to. */
function routesSomewhere(service: ServiceSpec): boolean {
  return Object.keys(service.dependsOn).length + service.links.length > 0;
}

/** A proxy that names no upstream keeps its own image and configuration as a web service. */
function unroutedProxy(reporter: ServiceReporter): Role {
  reporter.report('role-unavailable', {
    message: 'proxy cannot be built (it depends on no service to route to); it becomes web-service with its own image and configuration',
    fix: 'add depends_on for the services it routes to, or set x-webstack.role',
  });
  return 'web-service';
}

function lookupIn(service: ServiceSpec) {
  return (segments: readonly string[]) => (segments.length === 0 ? service.pos : segments.length === 1 ? service.keyPositions[segments[0] as string] : service.positions[segments.join('.')]);
}

/**
 * How a service looks to its dependents: the stateful roles and the proxy bring their own ports (and default
 * images), Jobs have none, and a service without a usable image is not built at all.
 */
function peerOf(ctx: ServiceContext, draft: ServiceDraft): Peer {
  const ownPorts = ctx.role === 'postgres' || ctx.role === 'redis' || ctx.role === 'proxy';
  const built = ownPorts || ctx.image !== undefined;
  return { name: ctx.name, role: ctx.role, hasPorts: ownPorts || (built && ctx.role !== 'task' && (draft.ports.ports?.length ?? 0) > 0) };
}

/**
 * Who mounts each named volume, and whether one of them declared it ReadWriteMany (`x-webstack.storage.access_mode`)
 * or the caller gave a ReadWriteMany class for every shared volume, which is what lets several services share it.
 */
function sharedVolumes(contexts: readonly ServiceContext[], rwxStorageClass: string | undefined): Map<string, NamedVolumeUse> {
  const uses = new Map<string, NamedVolumeUse>();
  for (const ctx of contexts) {
    for (const v of ctx.service.volumes) {
      if (v.type !== 'volume' || !v.source) continue;
      const use = uses.get(v.source) ?? { users: [], readWriteMany: false };
      uses.set(v.source, {
        users: use.users.includes(ctx.service.name) ? use.users : [...use.users, ctx.service.name],
        readWriteMany: use.readWriteMany || ctx.webstack.storage?.accessMode === 'ReadWriteMany',
      });
    }
  }
  if (rwxStorageClass === undefined) return uses;
  return new Map([...uses].map(([source, use]) => [source, use.users.length > 1 && !use.readWriteMany ? { ...use, readWriteMany: true, rwxStorageClass } : use]));
}

/**
 * A ReadWriteOnce claim attaches to one node at a time, so every pod of the services that share one must run on
 * that node: each carries a label naming the claim and a required pod affinity to pods with that label (the
 * first pod matches its own term, so it schedules anywhere). Reported per service at its mount.
 */
function colocateClaimUsers(contexts: readonly ServiceContext[], drafts: Map<string, ServiceDraft>, objects: StackObjects): void {
  const byName = new Map(contexts.map((ctx) => [ctx.service.name, ctx]));
  for (const [claim, users] of objects.claimUsers) {
    if (users.size < 2 || objects.claims.get(claim)?.accessMode === 'ReadWriteMany') continue;
    const label = { [`claim.webstack.io/${claim}`]: 'mounted' };
    for (const [service, at] of users) {
      const ctx = byName.get(service) as ServiceContext;
      const draft = drafts.get(service) as ServiceDraft;
      ctx.reporter.report('volume-shared', {
        at,
        message: `the claim ${claim} is also mounted by ${[...users.keys()].filter((u) => u !== service).join(', ')}; a ReadWriteOnce claim attaches to one node, so all their pods are scheduled onto one node`,
        value: claim,
        fix: 'give each service its own volume, or share it as one ReadWriteMany claim: `--rwx-storage-class <class>`, or `x-webstack: { storage: { class: <rwx-class>, access_mode: ReadWriteMany } }`',
      });
      drafts.set(service, {
        ...draft,
        metadata: { ...draft.metadata, labels: { ...draft.metadata.labels, ...label } },
        placement: { ...draft.placement, sameNodeAs: [...(draft.placement.sameNodeAs ?? []), label] },
      });
    }
  }
}

/** Dependencies first (constructs need their peers to exist); otherwise file order. */
function dependencyOrder(roles: readonly RoleSpec[]): RoleSpec[] {
  const byName = new Map(roles.map((r) => [r.props.name as string, r]));
  const ordered = new Set<RoleSpec>();
  const visiting = new Set<string>();
  const visit = (role: RoleSpec): void => {
    const name = role.props.name as string;
    if (ordered.has(role) || visiting.has(name)) return;
    visiting.add(name);
    const upstream = role.role === 'proxy' ? [role.backend, role.frontend, ...role.dependsOn] : role.dependsOn;
    for (const dep of upstream) {
      const target = byName.get(dep);
      if (target) visit(target);
    }
    ordered.add(role);
  };
  roles.forEach(visit);
  return [...ordered];
}
