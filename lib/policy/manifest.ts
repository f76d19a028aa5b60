import { checkHygiene } from './hygiene';
import { ManifestJson, podTemplateOf } from './pod-templates';
import { checkRestricted } from './restricted';
import type { PolicyViolation } from './violation';

/**
 * Every policy check on one rendered manifest: Pod Security restricted v1.28 and hygiene on its pod template.
 * Kinds without pods (Service, ConfigMap, ...) pass trivially.
 */
export function checkManifest(manifest: ManifestJson): PolicyViolation[] {
  const located = podTemplateOf(manifest);
  if (!located) return [];
  return [
    ...checkRestricted(located.template, located.templatePath),
    ...checkHygiene(located.template, located.templatePath, { longRunning: located.longRunning }),
  ];
}
