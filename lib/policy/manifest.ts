import { withoutAcknowledged } from './acknowledge';
import { checkHygiene } from './hygiene';
import { ManifestJson, podTemplateOf } from './pod-templates';
import { checkRestricted } from './restricted';
import type { PolicyViolation } from './violation';

/**
 * Every policy check on one rendered manifest: Pod Security restricted v1.28 and hygiene on its pod template.
 * Kinds without pods (Service, ConfigMap, ...) pass trivially; hygiene checks the object acknowledges with an
 * `ignore-check.cdk8s-webstack/<code>` annotation are dropped.
 */
export function checkManifest(manifest: ManifestJson): PolicyViolation[] {
  const located = podTemplateOf(manifest);
  if (!located) return [];
  const violations = [
    ...checkRestricted(located.template, located.templatePath),
    ...checkHygiene(located.template, located.templatePath, { longRunning: located.longRunning }),
  ];
  return withoutAcknowledged(violations, manifest.metadata?.annotations);
}
