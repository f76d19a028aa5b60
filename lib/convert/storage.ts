import * as path from 'path';
import type { VolumeMountSpec } from '../compose/model';
import { EMPTY_DIR_SIZE, POSTGRES, REDIS, STORAGE } from '../defaults';
import type { VolumeSpec } from '../kube/volumes';
import type { ServiceContext } from './context';
import { dataKey, dnsLabel } from './names';
import { bytesToQuantity } from './quantities';

/** ConfigMaps hold at most 1 MiB in all. */
const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/** Where the stateful roles keep their data claim; a Compose volume there becomes that claim. */
const DATA_PATHS: Readonly<Record<string, string>> = { postgres: POSTGRES.dataMountPath, redis: REDIS.dataMountPath };

/** Files that hold key material or credentials: their content must never reach a ConfigMap. */
const SECRET_FILE = /(\.(key|pem|p12|pfx|jks|keystore|crt|cer|der|env)$)|(^|[._-])(htpasswd|passwd|password|secret|credentials?|token|id_rsa|id_ed25519)([._-]|$)|^\.env/i;
/** Files and directories that are application code, which belongs in the image. */
const SOURCE_MARKERS = ['package.json', 'pyproject.toml', 'requirements.txt', 'go.mod', 'Gemfile', 'pom.xml', 'build.gradle', 'composer.json', 'Cargo.toml', 'manage.py', 'Dockerfile', '.git'];
const SOURCE_FILE = /\.(py|js|mjs|cjs|ts|tsx|jsx|go|rb|php|java|kt|rs|cs|vue|svelte)$/i;

/** What the storage keys become for one service. */
export interface StorageResult {
  readonly volumes: VolumeSpec[];
  /** The stateful role's own data claim, sized from `x-webstack.storage`. */
  readonly dataClaim?: { readonly storageSize?: string; readonly storageClassName?: string };
  /** The service mounts a ReadWriteOnce claim, so it must run exactly one replica. */
  readonly singleReplica: boolean;
}

/**
 * `volumes`, `tmpfs`, `shm_size`, `volumes_from`: named volumes -> claims (the stateful roles' own claim or
 * volumeClaimTemplates; a PVC for other roles), anonymous volumes and tmpfs -> emptyDirs, bind-mounted config
 * files -> ConfigMaps, key files -> Secrets the user creates; host paths, the Docker socket and source code are
 * reported, never mounted.
 */
export function storageOptions(ctx: ServiceContext, volumeUsers: ReadonlyMap<string, readonly string[]>): StorageResult {
  const volumes: VolumeSpec[] = [];
  const names = new Set<string>();
  const unique = (base: string): string => {
    let name = dnsLabel(base);
    for (let i = 2; names.has(name); i++) name = dnsLabel(`${base}-${i}`);
    names.add(name);
    return name;
  };
  let dataClaim: StorageResult['dataClaim'];
  let singleReplica = false;
  const storage = { storageSize: ctx.webstack.storage?.size, storageClassName: ctx.webstack.storage?.className };

  ctx.service.volumes.forEach((mount, i) => {
    const at = `volumes.${i}`;
    if (mount.type === 'tmpfs') {
      volumes.push(memoryDir(unique(`tmpfs-${mount.target}`), mount.target, mount.tmpfsSizeBytes));
      if (mount.tmpfsMode !== undefined) ignoredOption(ctx, `${at}.tmpfs.mode`, 'tmpfs mode');
    } else if (mount.type === 'bind') {
      if (mount.propagation !== undefined || mount.selinux !== undefined) ignoredOption(ctx, at, 'bind propagation/SELinux relabel option');
      volumes.push(...bindMount(ctx, mount, at, unique));
    } else if (mount.type === 'volume' && mount.source === undefined) {
      ctx.reporter.report('volume-anonymous', { at, message: `the anonymous volume at ${mount.target} becomes an emptyDir: its data is lost when the pod moves`, fix: 'name the volume to keep its data' });
      volumes.push({ name: unique(`scratch-${mount.target}`), mountPath: mount.target, emptyDir: { sizeLimit: EMPTY_DIR_SIZE } });
    } else if (mount.type === 'volume' && mount.source !== undefined) {
      const named = namedVolume(ctx, mount, mount.source, at, volumeUsers, unique);
      if (named === 'data') dataClaim = storage;
      else if (named) {
        volumes.push(named);
        singleReplica ||= 'persistentVolumeClaim' in named;
      }
    } else {
      ctx.reporter.report('unsupported-key', { at, message: `a ${mount.type} volume has no Kubernetes equivalent`, value: mount.type, fix: 'use a named volume or a bind-mounted config file' });
    }
  });
  ctx.service.tmpfs.forEach((entry) => {
    const [target = '', options = ''] = entry.split(':');
    const size = /(?:^|,)size=(\d+)([kmg]?)/i.exec(options);
    const bytes = size ? Number(size[1]) * 1024 ** ' kmg'.indexOf((size[2] || ' ').toLowerCase()) : undefined;
    volumes.push(memoryDir(unique(`tmpfs-${target}`), target, bytes));
  });
  if (ctx.service.shmSizeBytes !== undefined) {
    volumes.push(memoryDir(unique('shm'), '/dev/shm', ctx.service.shmSizeBytes));
  }
  if (ctx.service.raw.volumes_from !== undefined) {
    ctx.reporter.report('volumes-from-unsupported', {
      at: 'volumes_from',
      message: 'volumes_from shares another container’s volumes, which pods cannot do across pods',
      fix: 'mount the same named volume in both services instead',
    });
  }
  return { volumes, dataClaim: dataClaim ?? (DATA_PATHS[ctx.role] ? storage : undefined), singleReplica };
}

function memoryDir(name: string, mountPath: string, bytes: number | undefined): VolumeSpec {
  return { name, mountPath, emptyDir: { medium: 'Memory', sizeLimit: bytes === undefined ? EMPTY_DIR_SIZE : bytesToQuantity(bytes) } };
}

function ignoredOption(ctx: ServiceContext, at: string, what: string): void {
  ctx.reporter.report('volume-option-ignored', { at, message: `${what} has no Kubernetes equivalent`, fix: `remove the ${what}` });
}

/** A named volume: the role's data claim ('data'), a claim template, a PVC, or nothing (already reported). */
function namedVolume(
  ctx: ServiceContext,
  mount: VolumeMountSpec,
  source: string,
  at: string,
  volumeUsers: ReadonlyMap<string, readonly string[]>,
  unique: (base: string) => string,
): VolumeSpec | 'data' | undefined {
  const declared = ctx.project.volumes[source];
  if (declared?.driver !== undefined && declared.driver !== 'local') ignoredOption(ctx, at, `volume driver ${declared.driver}`);
  if (declared && Object.keys(declared.driverOpts).length) ignoredOption(ctx, at, `driver_opts of volume ${source}`);
  const dataPath = DATA_PATHS[ctx.role];
  if (dataPath && (dataPath === mount.target || dataPath.startsWith(`${mount.target}/`))) return 'data';
  const readOnly = mount.readOnly || undefined;
  if (declared?.external) {
    return { name: unique(`data-${source}`), mountPath: mount.target, readOnly, persistentVolumeClaim: { claimName: dnsLabel(declared.name) } };
  }
  if (dataPath) {
    return { name: unique(`data-${source}`), mountPath: mount.target, readOnly, volumeClaimTemplate: { size: ctx.webstack.storage?.size, storageClassName: ctx.webstack.storage?.className } };
  }
  const users = volumeUsers.get(source) ?? [];
  if (users.length > 1) {
    ctx.reporter.report('volume-shared', {
      at,
      message: `volume ${source} is also mounted by ${users.filter((u) => u !== ctx.service.name).join(', ')}; a ReadWriteOnce claim cannot be shared across nodes`,
      value: source,
      fix: 'give each service its own volume, or move the shared files to object storage; a ReadWriteMany class can be set in TypeScript',
    });
  }
  ctx.reporter.report('volume-stateless-claim', {
    at,
    message: `volume ${source} becomes a ReadWriteOnce claim, so ${ctx.service.name} runs exactly one replica`,
    value: source,
    fix: 'keep state in a database or object storage so the service can scale, or bake static data into the image',
  });
  const claimName = dnsLabel(source);
  ctx.objects.claims.set(claimName, { name: claimName, size: ctx.webstack.storage?.size ?? STORAGE.size, storageClassName: ctx.webstack.storage?.className });
  return { name: unique(`data-${source}`), mountPath: mount.target, readOnly, persistentVolumeClaim: { claimName } };
}

/** A bind mount: config files become ConfigMaps, key files Secret references; everything else is reported. */
function bindMount(ctx: ServiceContext, mount: VolumeMountSpec, at: string, unique: (base: string) => string): VolumeSpec[] {
  const source = mount.source ?? '';
  const relative = path.relative(ctx.project.workingDir, source);
  if (path.basename(source) === 'docker.sock') {
    ctx.reporter.report('volume-docker-socket', {
      at,
      message: `mounting the Docker socket (${source}) gives root on the node, and Kubernetes nodes need not run Docker`,
      value: source,
      fix: 'remove it: configure the tool through the Kubernetes API (e.g. an Ingress controller instead of Docker labels)',
    });
    return [];
  }
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    ctx.reporter.report('volume-host-path', {
      at,
      message: `${source} is a path on the host; hostPath volumes are forbidden under Pod Security restricted`,
      value: source,
      fix: source.startsWith('/etc/localtime') || source.startsWith('/etc/timezone') ? 'set the TZ environment variable instead' : 'use a named volume, or ship the files in the image or a ConfigMap',
    });
    return [];
  }
  const kind = ctx.files.kind(source);
  if (kind === undefined) {
    ctx.reporter.report('volume-bind-missing', {
      at,
      message: `bind mount source ./${relative} does not exist`,
      value: `./${relative}`,
      fix: 'create the file, or use a named volume for data the container writes',
    });
    return [];
  }
  const entries = kind === 'directory' ? ctx.files.list(source) : [path.basename(source)];
  if (relative === '' || entries.some((e) => SOURCE_MARKERS.includes(e)) || (kind === 'file' && SOURCE_FILE.test(source))) {
    ctx.reporter.report('volume-source-code', {
      at,
      message: `./${relative} looks like source code; it is not mounted, the image must contain it`,
      value: `./${relative}`,
      fix: 'build the code into the image (bind mounts of code belong to development override files)',
    });
    return [];
  }
  if (entries.some((e) => SECRET_FILE.test(e))) return [secretFiles(ctx, mount, relative, kind, entries, at, unique)];
  return configFiles(ctx, mount, relative, kind, entries, at, unique);
}

function secretFiles(ctx: ServiceContext, mount: VolumeMountSpec, relative: string, kind: 'file' | 'directory', entries: readonly string[], at: string, unique: (base: string) => string): VolumeSpec {
  const secretName = dnsLabel(`${ctx.name}-${path.basename(mount.target)}`);
  for (const entry of entries) ctx.objects.requireSecret(secretName, dataKey(entry), { kind: 'file', path: kind === 'file' ? `./${relative}` : `./${relative}/${entry}` });
  ctx.reporter.report('volume-secret-file', {
    at,
    message: `./${relative} holds key material or credentials: it is mounted from the Secret ${secretName}, which you create; its content is not copied`,
    value: `./${relative}`,
    fix: 'create the Secret with the kubectl command printed at the end',
  });
  const name = unique(`secret-${mount.target}`);
  return kind === 'file'
    ? { name, mountPath: mount.target, subPath: dataKey(entries[0] ?? ''), secret: { secretName } }
    : { name, mountPath: mount.target, secret: { secretName } };
}

function configFiles(ctx: ServiceContext, mount: VolumeMountSpec, relative: string, kind: 'file' | 'directory', entries: readonly string[], at: string, unique: (base: string) => string): VolumeSpec[] {
  const source = mount.source ?? '';
  const files = kind === 'file' ? [source] : entries.map((e) => path.join(source, e));
  const nested = files.some((f) => ctx.files.kind(f) !== 'file');
  const contents = nested ? [] : files.map((f) => ctx.files.read(f));
  if (nested || contents.reduce((sum, c) => sum + c.length, 0) > CONFIGMAP_LIMIT_BYTES) {
    ctx.reporter.report('volume-config-too-large', {
      at,
      message: `./${relative} is ${nested ? 'a nested directory' : 'larger than the 1 MiB a ConfigMap holds'}`,
      value: `./${relative}`,
      fix: 'bake the files into the image, or mount only the config files that change per environment',
    });
    return [];
  }
  const configMap = dnsLabel(`${ctx.name}-${kind === 'file' ? path.basename(mount.target) : mount.target}`);
  files.forEach((file, i) => ctx.objects.addConfigData(configMap, dataKey(path.basename(file)), contents[i] as Buffer));
  const name = unique(`config-${mount.target}`);
  return kind === 'file'
    ? [{ name, mountPath: mount.target, subPath: dataKey(path.basename(source)), configMap: { name: configMap } }]
    : [{ name, mountPath: mount.target, configMap: { name: configMap } }];
}
