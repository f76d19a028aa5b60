import { containersOf, fieldPath, PodTemplateJson } from './pod-json';
import { BASELINE_CHECKS, PodCheck } from './pss-baseline';
import { PolicyViolation, violation } from './violation';

/**
 * Pod Security Standards *restricted*, policy version v1.28: every baseline check plus the restricted ones,
 * field by field as pod-security-admission implements them (`policy/check_*.go`). Pure: JSON in, violations out.
 */

/** Volume sources restricted allows (check_restrictedVolumes.go); `image` volumes are newer than v1.28. */
export const RESTRICTED_VOLUME_SOURCES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
];

const VALID_SECCOMP = ['RuntimeDefault', 'Localhost'];

/** Since v1.25 pods declaring `spec.os.name: windows` skip the Linux-only restricted checks. */
function isWindows(template: PodTemplateJson): boolean {
  return template.spec?.os?.name === 'windows';
}

export const restrictedVolumes: PodCheck = (template, templatePath) =>
  (template.spec?.volumes ?? []).flatMap((volume, i) =>
    Object.keys(volume)
      .filter((key) => key !== 'name' && !RESTRICTED_VOLUME_SOURCES.includes(key))
      .map((key) =>
        violation('pss-restricted-volumes', fieldPath(templatePath, 'spec', `volumes[${i}]`, key), `volume type ${key} is not allowed`, `use one of ${RESTRICTED_VOLUME_SOURCES.join(', ')}`, key),
      ),
  );

export const allowPrivilegeEscalation: PodCheck = (template, templatePath) =>
  isWindows(template)
    ? []
    : containersOf(template.spec ?? {}, fieldPath(templatePath, 'spec'))
        .filter(({ container }) => container.securityContext?.allowPrivilegeEscalation !== false)
        .map(({ container, path }) =>
          violation('pss-allow-privilege-escalation', `${path}.securityContext.allowPrivilegeEscalation`, 'allowPrivilegeEscalation must be explicitly false', 'set securityContext.allowPrivilegeEscalation: false', container.securityContext?.allowPrivilegeEscalation),
        );

/** runAsNonRoot must be true on the pod (and not overridden to false) or on every container. */
export const runAsNonRoot: PodCheck = (template, templatePath) => {
  const specPath = fieldPath(templatePath, 'spec');
  const podValue = template.spec?.securityContext?.runAsNonRoot;
  const found: PolicyViolation[] = [];
  if (podValue === false) {
    found.push(violation('pss-run-as-non-root', fieldPath(specPath, 'securityContext', 'runAsNonRoot'), 'runAsNonRoot is false on the pod', 'set spec.securityContext.runAsNonRoot: true', false));
  }
  for (const { container, path } of containersOf(template.spec ?? {}, specPath)) {
    const value = container.securityContext?.runAsNonRoot;
    if (value === false || (value === undefined && podValue !== true)) {
      found.push(violation('pss-run-as-non-root', `${path}.securityContext.runAsNonRoot`, 'the container may run as root', 'set runAsNonRoot: true on the pod or the container', value));
    }
  }
  return found;
};

export const runAsUser: PodCheck = (template, templatePath) => {
  const specPath = fieldPath(templatePath, 'spec');
  const contexts = [
    { ctx: template.spec?.securityContext, path: fieldPath(specPath, 'securityContext') },
    ...containersOf(template.spec ?? {}, specPath).map(({ container, path }) => ({ ctx: container.securityContext, path: `${path}.securityContext` })),
  ];
  return contexts
    .filter(({ ctx }) => ctx?.runAsUser === 0)
    .map(({ path }) => violation('pss-run-as-user', `${path}.runAsUser`, 'runAsUser 0 runs as root', 'use the non-zero uid the image runs as', 0));
};

/** A valid pod-level profile covers containers that leave theirs unset; otherwise every container must set one. */
export const seccompProfileRestricted: PodCheck = (template, templatePath) => {
  if (isWindows(template)) return [];
  const specPath = fieldPath(templatePath, 'spec');
  const podType = template.spec?.securityContext?.seccompProfile?.type;
  const podValid = podType !== undefined && VALID_SECCOMP.includes(podType);
  const found: PolicyViolation[] = [];
  if (podType !== undefined && !podValid) {
    found.push(violation('pss-seccomp-profile-restricted', fieldPath(specPath, 'securityContext', 'seccompProfile', 'type'), `seccomp profile ${podType} is not allowed`, 'use RuntimeDefault', podType));
  }
  for (const { container, path } of containersOf(template.spec ?? {}, specPath)) {
    const type = container.securityContext?.seccompProfile?.type;
    if (type === undefined ? !podValid : !VALID_SECCOMP.includes(type)) {
      found.push(violation('pss-seccomp-profile-restricted', `${path}.securityContext.seccompProfile.type`, 'no RuntimeDefault or Localhost seccomp profile applies', 'set seccompProfile.type: RuntimeDefault on the pod or the container', type));
    }
  }
  return found;
};

export const capabilitiesRestricted: PodCheck = (template, templatePath) =>
  isWindows(template)
    ? []
    : containersOf(template.spec ?? {}, fieldPath(templatePath, 'spec')).flatMap(({ container, path }) => {
        const capabilities = container.securityContext?.capabilities;
        const found: PolicyViolation[] = [];
        if (!(capabilities?.drop ?? []).includes('ALL')) {
          found.push(violation('pss-capabilities-restricted', `${path}.securityContext.capabilities.drop`, 'capabilities.drop must include ALL', 'set securityContext.capabilities.drop: [ALL]', capabilities?.drop));
        }
        (capabilities?.add ?? []).forEach((cap, i) => {
          if (cap !== 'NET_BIND_SERVICE') {
            found.push(violation('pss-capabilities-restricted', `${path}.securityContext.capabilities.add[${i}]`, `capability ${cap} may not be added`, 'add only NET_BIND_SERVICE, or better listen on a port >= 1024', cap));
          }
        });
        return found;
      });

/** The restricted-only checks, in pod-security-admission order. */
export const RESTRICTED_CHECKS: readonly PodCheck[] = [
  restrictedVolumes, allowPrivilegeEscalation, runAsNonRoot, runAsUser, seccompProfileRestricted, capabilitiesRestricted,
];

/**
 * Checks one pod template against Pod Security Standards restricted v1.28 (which includes baseline).
 *
 * @param template the pod template (`spec.template` of a workload) or the Pod object itself
 * @param templatePath the field path of `template` in its manifest, used to name fields in violations
 * @returns every violation; empty when the pod would be admitted under `enforce: restricted`
 */
export function checkRestricted(template: PodTemplateJson, templatePath = ''): PolicyViolation[] {
  return [...BASELINE_CHECKS, ...RESTRICTED_CHECKS].flatMap((check) => check(template, templatePath));
}
