import * as path from 'path';
import type { VolumeMountSpec } from '../compose/model';
import { DATA_SERVICES, EMPTY_DIR_SIZE, POSTGRES, REDIS, STORAGE } from '../defaults';
import type { VolumeSpec } from '../kube/volumes';
import type { ServiceContext } from './context';
import { bindMount } from './bind-mounts';
import { dataServiceFamily } from './roles';
import { dnsLabel } from './names';
import { bytesToQuantity } from './quantities';

/** Where the stateful roles keep their data claim; a Compose volume there becomes that claim. */
function dataPathOf(ctx: ServiceContext): string | undefined {
  if (ctx.role === 'postgres') return POSTGRES.dataMountPath;
  if (ctx.role === 'redis') return REDIS.dataMountPath;
  const family = ctx.role === 'data-service' ? dataServiceFamily(ctx.image) : undefined;
  return family === undefined ? undefined : DATA_SERVICES[family].dataPath;
}

/** The services that mount one named volume, and whether it may be shared (ReadWriteMany). */
export interface NamedVolumeUse {
  readonly users: readonly string[];
  readonly readWriteMany: boolean;
  /**
   * The `--rwx-storage-class` made it ReadWriteMany (no service asked for it in x-webstack), in this class.
   * @default - not shared by the flag
   */
  readonly rwxStorageClass?: string;
}

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
export function storageOptions(ctx: ServiceContext, namedVolumes: ReadonlyMap<string, NamedVolumeUse>): StorageResult {
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
    if (!path.posix.isAbsolute(mount.target)) {
      ctx.reporter.report('volume-target-relative', { at, message: `the container path ${mount.target} is not absolute`, value: mount.target, fix: `write the absolute path in the container, e.g. /${mount.target.replace(/^\.?\/*/, '')}` });
      return;
    }
    if (mount.type === 'tmpfs') {
      volumes.push(memoryDir(unique(`tmpfs-${mount.target}`), mount.target, mount.tmpfsSizeBytes));
      if (mount.tmpfsMode !== undefined) ignoredOption(ctx, `${at}.tmpfs.mode`, 'tmpfs mode');
    } else if (mount.type === 'bind') {
      if (mount.propagation !== undefined || mount.selinux !== undefined) ignoredOption(ctx, at, 'bind propagation/SELinux relabel option');
      const bound = bindMount(ctx, mount, at, unique);
      if (Array.isArray(bound)) volumes.push(...bound);
      else {
        volumes.push(claimVolume(ctx, bound.claimName, bound.mountPath, bound.readOnly, at, undefined, unique));
        singleReplica = true;
      }
    } else if (mount.type === 'volume' && mount.source === undefined) {
      ctx.reporter.report('volume-anonymous', { at, message: `the anonymous volume at ${mount.target} becomes an emptyDir: its data is lost when the pod moves`, fix: 'name the volume to keep its data' });
      volumes.push({ name: unique(`scratch-${mount.target}`), mountPath: mount.target, emptyDir: { sizeLimit: EMPTY_DIR_SIZE } });
    } else if (mount.type === 'volume' && mount.source !== undefined) {
      const named = namedVolume(ctx, mount, mount.source, at, namedVolumes.get(mount.source), unique);
      if (named === 'data') dataClaim = storage;
      else if (named) {
        volumes.push(named);
        singleReplica ||= 'persistentVolumeClaim' in named;
      }
    } else {
      ctx.reporter.report('unsupported-key', { at, message: `a ${mount.type} volume has no Kubernetes equivalent`, value: mount.type, fix: 'use a named volume or a bind-mounted config file' });
    }
  });
  ctx.service.tmpfs.forEach((entry, i) => {
    const [target = '', options = ''] = entry.split(':');
    if (!path.posix.isAbsolute(target)) {
      ctx.reporter.report('volume-target-relative', { at: `tmpfs.${i}`, message: `the tmpfs path ${target} is not absolute`, value: target, fix: 'write the absolute path in the container, e.g. /tmp' });
      return;
    }
    const size = /(?:^|,)size=(\d+)([kmg]?)/i.exec(options);
    const bytes = size ? Number(size[1]) * 1024 ** ' kmg'.indexOf((size[2] || ' ').toLowerCase()) : undefined;
    volumes.push(memoryDir(unique(`tmpfs-${target}`), target, bytes));
  });
  if (ctx.service.shmSizeBytes !== undefined) {
    volumes.push(memoryDir(unique('shm'), '/dev/shm', ctx.service.shmSizeBytes));
  }
  if (ctx.service.volumesFrom.length) {
    ctx.reporter.report('volumes-from-unsupported', {
      at: 'volumes_from',
      message: 'volumes_from shares another container’s volumes, which pods cannot do across pods',
      fix: 'mount the same named volume in both services instead',
    });
  }
  return { volumes, dataClaim: dataClaim ?? (dataPathOf(ctx) ? storage : undefined), singleReplica };
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
  use: NamedVolumeUse | undefined,
  unique: (base: string) => string,
): VolumeSpec | 'data' | undefined {
  const declared = ctx.project.volumes[source];
  if (declared?.driver !== undefined && declared.driver !== 'local') ignoredOption(ctx, at, `volume driver ${declared.driver}`);
  if (declared && Object.keys(declared.driverOpts).length) ignoredOption(ctx, at, `driver_opts of volume ${source}`);
  const dataPath = dataPathOf(ctx);
  if (dataPath && (dataPath === mount.target || dataPath.startsWith(`${mount.target}/`))) return 'data';
  const readOnly = mount.readOnly || undefined;
  if (declared?.external) {
    return { name: unique(`data-${source}`), mountPath: mount.target, readOnly, persistentVolumeClaim: { claimName: dnsLabel(declared.name) } };
  }
  if (dataPath) {
    return { name: unique(`data-${source}`), mountPath: mount.target, readOnly, volumeClaimTemplate: { size: ctx.webstack.storage?.size, storageClassName: ctx.webstack.storage?.className } };
  }
  const others = (use?.users ?? []).filter((u) => u !== ctx.service.name).join(', ');
  if (others && use?.rwxStorageClass !== undefined) {
    ctx.reporter.report('volume-shared-rwx', {
      at,
      message: `volume ${source} is also mounted by ${others}, so it becomes one ReadWriteMany claim of class ${use.rwxStorageClass}; the class must support ReadWriteMany`,
      value: source,
      fix: 'give each service its own volume if the data need not be shared',
    });
  }
  ctx.reporter.report('volume-stateless-claim', {
    at,
    message: `volume ${source} becomes a claim, so ${ctx.service.name} runs exactly one replica`,
    value: source,
    fix: 'keep state in a database or object storage so the service can scale, or bake static data into the image',
  });
  return claimVolume(ctx, dnsLabel(source), mount.target, readOnly, at, use, unique);
}

/**
 * Mounts the claim `claimName` (created on first use, shared by every service that mounts it) and records who
 * mounts it where, so that the users of a shared ReadWriteOnce claim can be placed on one node.
 */
function claimVolume(ctx: ServiceContext, claimName: string, mountPath: string, readOnly: boolean | undefined, at: string, use: NamedVolumeUse | undefined, unique: (base: string) => string): VolumeSpec {
  // Any sharing service may size the claim or name its class; the defaults apply only when none does.
  const claim = ctx.objects.claims.get(claimName);
  ctx.objects.claims.set(claimName, {
    name: claimName,
    size: ctx.webstack.storage?.size ?? claim?.size ?? STORAGE.size,
    storageClassName: ctx.webstack.storage?.className ?? claim?.storageClassName ?? use?.rwxStorageClass,
    accessMode: use?.readWriteMany || claim?.accessMode === 'ReadWriteMany' ? 'ReadWriteMany' : undefined,
  });
  ctx.objects.mountClaim(claimName, ctx.service.name, at);
  return { name: unique(`data-${claimName}`), mountPath, readOnly, persistentVolumeClaim: { claimName } };
}
