import { ContainerJson, containersOf, fieldPath, PodTemplateJson } from './pod-json';
import { PolicyViolation, violation } from './violation';

/**
 * Production hygiene beyond Pod Security: resources (the HPA computes utilization from requests, and a
 * ResourceQuota rejects pods without limits), probes, and pinned images.
 */

/** Every container needs a request and a limit for each of these. */
export const REQUIRED_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

export interface HygieneOptions {
  /**
   * Whether the pod runs until stopped (Deployment, StatefulSet) rather than to completion (Job, CronJob).
   * Long-running containers need a liveness probe, and a readiness probe when they declare ports.
   * @default true
   */
  readonly longRunning?: boolean;
}

function resourceViolations(container: ContainerJson, path: string): PolicyViolation[] {
  return (['requests', 'limits'] as const).flatMap((kind) =>
    REQUIRED_RESOURCES.filter((resource) => container.resources?.[kind]?.[resource] === undefined).map((resource) =>
      violation('resources-missing', `${path}.resources.${kind}.${resource}`, `no ${resource} ${kind === 'requests' ? 'request' : 'limit'}`, `set resources.${kind}.${resource}`),
    ),
  );
}

function probeViolations(container: ContainerJson, path: string): PolicyViolation[] {
  const servesTraffic = (container.ports ?? []).length > 0;
  const required = servesTraffic ? (['readinessProbe', 'livenessProbe'] as const) : (['livenessProbe'] as const);
  const missing = required
    .filter((probe) => container[probe] === undefined)
    .map((probe) => violation('probe-missing', `${path}.${probe}`, `no ${probe}`, `define a ${probe}, or annotate the workload ignore-check.cdk8s-webstack/probe-missing with the reason`));
  const identical =
    container.readinessProbe !== undefined && JSON.stringify(container.readinessProbe) === JSON.stringify(container.livenessProbe)
      ? [violation('probes-identical', `${path}.livenessProbe`, 'liveness equals readiness, so a slow dependency restarts the pod', 'make liveness cheaper or more tolerant than readiness')]
      : [];
  return [...missing, ...identical];
}

/**
 * Checks an image reference: a digest (`@sha256:...`) or a tag other than `latest` is required, so a rollout
 * always runs the version that was reviewed.
 * @returns the violation, or undefined when the reference is pinned
 */
export function checkImage(image: string | undefined, path: string): PolicyViolation | undefined {
  const ref = image ?? '';
  if (ref.includes('@')) return undefined;
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0 || colon === lastSegment.length - 1) {
    return violation('image-untagged', path, `image ${ref || '(empty)'} has no tag, so it means :latest`, 'pin a version tag or a digest (name:1.2.3 or name@sha256:...)', ref);
  }
  if (lastSegment.slice(colon + 1) === 'latest') {
    return violation('image-latest', path, `image ${ref} uses the moving :latest tag`, 'pin a version tag or a digest', ref);
  }
  return undefined;
}

/**
 * Checks resources (all containers except ephemeral ones, which cannot set them), probes (regular containers of
 * long-running pods) and image pinning (every container).
 */
export function checkHygiene(template: PodTemplateJson, templatePath = '', options: HygieneOptions = {}): PolicyViolation[] {
  const longRunning = options.longRunning ?? true;
  return containersOf(template.spec ?? {}, fieldPath(templatePath, 'spec')).flatMap(({ container, path, list }) => [
    ...(list === 'ephemeralContainers' ? [] : resourceViolations(container, path)),
    ...(list === 'containers' && longRunning ? probeViolations(container, path) : []),
    ...[checkImage(container.image, `${path}.image`)].filter((v): v is PolicyViolation => v !== undefined),
  ]);
}
