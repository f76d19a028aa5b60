/**
 * The subset of a synthesized pod template (plain JSON, as `ApiObject.toJson()` renders it) that the policy
 * checks read. Every field is optional because the checks must judge whatever a user's override produced,
 * including objects that would not pass API validation.
 */

export interface SeccompProfileJson {
  readonly type?: string;
  readonly localhostProfile?: string;
}

export interface AppArmorProfileJson {
  readonly type?: string;
}

export interface SeLinuxOptionsJson {
  readonly type?: string;
  readonly user?: string;
  readonly role?: string;
  readonly level?: string;
}

export interface WindowsOptionsJson {
  readonly hostProcess?: boolean;
}

export interface CapabilitiesJson {
  readonly add?: readonly string[];
  readonly drop?: readonly string[];
}

/** Fields shared by the pod-level and container-level security contexts. */
export interface CommonSecurityContextJson {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly seccompProfile?: SeccompProfileJson;
  readonly appArmorProfile?: AppArmorProfileJson;
  readonly seLinuxOptions?: SeLinuxOptionsJson;
  readonly windowsOptions?: WindowsOptionsJson;
}

export interface PodSecurityContextJson extends CommonSecurityContextJson {
  readonly sysctls?: readonly { readonly name?: string; readonly value?: string }[];
}

export interface ContainerSecurityContextJson extends CommonSecurityContextJson {
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly capabilities?: CapabilitiesJson;
  readonly procMount?: string;
}

export interface ContainerPortJson {
  readonly containerPort?: number;
  readonly hostPort?: number;
  readonly name?: string;
}

/** `resources.requests` / `resources.limits`: quantities render as strings or numbers. */
export type ResourceListJson = Readonly<Record<string, string | number>>;

export interface ContainerJson {
  readonly name?: string;
  readonly image?: string;
  readonly ports?: readonly ContainerPortJson[];
  readonly securityContext?: ContainerSecurityContextJson;
  readonly resources?: { readonly requests?: ResourceListJson; readonly limits?: ResourceListJson };
  readonly livenessProbe?: unknown;
  readonly readinessProbe?: unknown;
  readonly startupProbe?: unknown;
}

/** A volume: `name` plus exactly one source key (`emptyDir`, `hostPath`, ...). */
export type VolumeJson = { readonly name?: string } & Readonly<Record<string, unknown>>;

export interface PodSpecJson {
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly os?: { readonly name?: string };
  readonly securityContext?: PodSecurityContextJson;
  readonly volumes?: readonly VolumeJson[];
  readonly containers?: readonly ContainerJson[];
  readonly initContainers?: readonly ContainerJson[];
  readonly ephemeralContainers?: readonly ContainerJson[];
}

/** A pod template or a Pod: the annotations matter too (AppArmor is still an annotation in v1.28). */
export interface PodTemplateJson {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: PodSpecJson;
}

/** The three container lists Pod Security Admission inspects, with their field names for violation paths. */
export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export interface LocatedContainer {
  readonly container: ContainerJson;
  /** Field path of the container, e.g. `spec.template.spec.initContainers[1]`. */
  readonly path: string;
  readonly list: (typeof CONTAINER_LISTS)[number];
}

/** Every container of every list, in manifest order, with its field path under `specPath`. */
export function containersOf(spec: PodSpecJson, specPath: string): LocatedContainer[] {
  return CONTAINER_LISTS.flatMap((list) =>
    (spec[list] ?? []).map((container, i) => ({ container, list, path: `${specPath}.${list}[${i}]` })),
  );
}

/** Joins field path segments, so a Pod (empty base) and a Deployment (`spec.template`) share one code path. */
export function fieldPath(base: string, ...segments: string[]): string {
  return [base, ...segments].filter((s) => s !== '').join('.');
}
