import type { PodTemplateJson } from './pod-json';

/** A manifest as rendered by `ApiObject.toJson()`: read-only JSON. */
export interface ManifestJson {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: unknown;
}

export interface LocatedPodTemplate {
  readonly template: PodTemplateJson;
  /** Field path of the template inside the manifest (`spec.template`, `''` for a Pod). */
  readonly templatePath: string;
  /** False for pods that run to completion (Job, CronJob), which need no probes. */
  readonly longRunning: boolean;
}

/** Where each workload kind keeps its pod template, and whether its pods run until stopped. */
const TEMPLATE_LOCATIONS: Readonly<Record<string, { readonly path: readonly string[]; readonly longRunning: boolean }>> = {
  Pod: { path: [], longRunning: true },
  Deployment: { path: ['spec', 'template'], longRunning: true },
  StatefulSet: { path: ['spec', 'template'], longRunning: true },
  DaemonSet: { path: ['spec', 'template'], longRunning: true },
  ReplicaSet: { path: ['spec', 'template'], longRunning: true },
  Job: { path: ['spec', 'template'], longRunning: false },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template'], longRunning: false },
};

/** True for the kinds that run pods: only their manifests have anything for the pod checks to judge. */
export function runsPods(kind: string): boolean {
  return Object.hasOwn(TEMPLATE_LOCATIONS, kind);
}

/** The pod template of a workload manifest, or undefined for kinds that run no pods. */
export function podTemplateOf(manifest: ManifestJson): LocatedPodTemplate | undefined {
  const location = TEMPLATE_LOCATIONS[manifest.kind ?? ''];
  if (!location) return undefined;
  let node: unknown = manifest;
  for (const key of location.path) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return { template: (node ?? {}) as PodTemplateJson, templatePath: location.path.join('.'), longRunning: location.longRunning };
}
