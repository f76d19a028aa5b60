import type { IConstruct } from 'constructs';
import { EMPTY_DIR_SIZE, STORAGE } from '../defaults';
import * as k8s from '../../imports/k8s';
import { misuse } from './misuse';

/** Where and how a volume is mounted into the container. */
export interface MountOptions {
  /** Volume name, unique in the pod (a DNS-1123 label). */
  readonly name: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /** Mount one file or subdirectory of the volume instead of all of it. @default - the whole volume */
  readonly subPath?: string;
  /** @default - true for ConfigMaps and Secrets, false otherwise */
  readonly readOnly?: boolean;
}

/** One file of a ConfigMap or Secret volume. */
export interface KeyToPath {
  readonly key: string;
  /** Relative path of the file inside the mount. */
  readonly path: string;
  /** File mode, e.g. `0o400`. @default - the volume's defaultMode */
  readonly mode?: number;
}

/** Scratch space that lives as long as the pod. */
export interface EmptyDirVolume extends MountOptions {
  readonly emptyDir: {
    /** @default EMPTY_DIR_SIZE (lib/defaults.ts) */
    readonly sizeLimit?: string;
    /** `Memory` is a tmpfs that counts against the memory limit. @default - node disk */
    readonly medium?: 'Memory';
  };
}

/** Files from a ConfigMap the stack or the user creates. */
export interface ConfigMapVolume extends MountOptions {
  readonly configMap: {
    readonly name: string;
    /** @default - every key as a file */
    readonly items?: readonly KeyToPath[];
    /** @default 0o644 (Kubernetes) */
    readonly defaultMode?: number;
  };
}

/** Files from a Secret the user creates; the manifest holds only its name. */
export interface SecretVolume extends MountOptions {
  readonly secret: {
    readonly secretName: string;
    /** @default - every key as a file */
    readonly items?: readonly KeyToPath[];
    /** @default 0o644 (Kubernetes) */
    readonly defaultMode?: number;
  };
}

/** An existing PersistentVolumeClaim. Only one pod can use a ReadWriteOnce claim, so replicas must stay at 1. */
export interface ClaimVolume extends MountOptions {
  readonly persistentVolumeClaim: { readonly claimName: string };
}

/** A claim per pod, created from a StatefulSet `volumeClaimTemplate` (stateful roles only). */
export interface ClaimTemplateVolume extends MountOptions {
  readonly volumeClaimTemplate: {
    /** @default STORAGE.size (lib/defaults.ts) */
    readonly size?: string;
    /** @default - the cluster's default StorageClass */
    readonly storageClassName?: string;
  };
}

export type VolumeSpec = EmptyDirVolume | ConfigMapVolume | SecretVolume | ClaimVolume | ClaimTemplateVolume;

/** A path an image writes to under a read-only root filesystem. */
export interface WritablePath {
  readonly path: string;
  readonly sizeLimit: string;
  readonly medium?: 'Memory';
}

/** Volume names derive from the path (`/var/cache/nginx` -> `var-cache-nginx`), so they are stable and readable. */
export function writableVolumes(paths: readonly WritablePath[]): EmptyDirVolume[] {
  return paths.map((p) => ({
    name: p.path.replace(/^\/+/, '').replace(/[^a-z0-9]+/g, '-'),
    mountPath: p.path,
    emptyDir: { sizeLimit: p.sizeLimit, medium: p.medium },
  }));
}

/** What a list of volume specs turns into in a pod template and, for stateful roles, its StatefulSet. */
export interface RenderedVolumes {
  readonly volumes: k8s.Volume[];
  readonly mounts: k8s.VolumeMount[];
  readonly claimTemplates: k8s.KubePersistentVolumeClaimProps[];
}

function copyItems(items: readonly KeyToPath[] | undefined): k8s.KeyToPath[] | undefined {
  return items?.map((i) => ({ ...i }));
}

function renderSource(v: VolumeSpec): k8s.Volume | undefined {
  if ('emptyDir' in v) {
    return { name: v.name, emptyDir: { medium: v.emptyDir.medium, sizeLimit: k8s.Quantity.fromString(v.emptyDir.sizeLimit ?? EMPTY_DIR_SIZE) } };
  }
  if ('configMap' in v) {
    return { name: v.name, configMap: { name: v.configMap.name, items: copyItems(v.configMap.items), defaultMode: v.configMap.defaultMode } };
  }
  if ('secret' in v) {
    return { name: v.name, secret: { secretName: v.secret.secretName, items: copyItems(v.secret.items), defaultMode: v.secret.defaultMode } };
  }
  if ('persistentVolumeClaim' in v) {
    return { name: v.name, persistentVolumeClaim: { claimName: v.persistentVolumeClaim.claimName } };
  }
  return undefined; // claim templates are not pod volumes
}

function renderClaimTemplate(v: ClaimTemplateVolume): k8s.KubePersistentVolumeClaimProps {
  return {
    metadata: { name: v.name },
    spec: {
      accessModes: [STORAGE.accessMode],
      storageClassName: v.volumeClaimTemplate.storageClassName,
      resources: { requests: { storage: k8s.Quantity.fromString(v.volumeClaimTemplate.size ?? STORAGE.size) } },
    },
  };
}

/**
 * Renders volumes and mounts. User volumes come after the role's writable paths and replace any default mounted
 * at the same path, so a bigger /tmp is one entry. Claim templates are refused where no StatefulSet exists.
 */
export function renderVolumes(scope: IConstruct, defaults: readonly VolumeSpec[], user: readonly VolumeSpec[], allowClaimTemplates: boolean): RenderedVolumes {
  const userPaths = new Set(user.map((v) => v.mountPath));
  const specs = [...defaults.filter((v) => !userPaths.has(v.mountPath)), ...user];
  const seen = new Set<string>();
  const rendered: RenderedVolumes = { volumes: [], mounts: [], claimTemplates: [] };
  for (const v of specs) {
    if (seen.has(v.name)) throw misuse(scope, 'duplicate-volume', 'two volumes share a name', v.name, 'give every volume a unique name');
    seen.add(v.name);
    if ('volumeClaimTemplate' in v && !allowClaimTemplates) {
      throw misuse(scope, 'claim-template-without-statefulset', 'volumeClaimTemplate volumes need a StatefulSet, and this role runs a Deployment or Job', v.name, 'use persistentVolumeClaim with an existing claim, or a stateful role (Postgres, Redis)');
    }
    const source = renderSource(v);
    if (source) rendered.volumes.push(source);
    else rendered.claimTemplates.push(renderClaimTemplate(v as ClaimTemplateVolume));
    const readOnly = v.readOnly ?? ('configMap' in v || 'secret' in v);
    rendered.mounts.push({ name: v.name, mountPath: v.mountPath, subPath: v.subPath, readOnly: readOnly || undefined });
  }
  return rendered;
}
