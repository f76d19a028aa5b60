import { CommonSecurityContextJson, containersOf, fieldPath, PodTemplateJson } from './pod-json';
import { PolicyViolation, violation } from './violation';

/**
 * Pod Security Standards *baseline*, policy version v1.28, one function per pod-security-admission check
 * (`policy/check_*.go`). Each takes a pod template and the field path of that template (`spec.template` for a
 * Deployment, `''` for a Pod) and returns violations naming the exact field.
 */
export type PodCheck = (template: PodTemplateJson, templatePath: string) => PolicyViolation[];

/** Capabilities baseline allows in `add` (check_capabilities_baseline.go); NET_RAW is deliberately absent. */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP',
  'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/** Safe sysctls as of policy v1.28 (ip_local_reserved_ports arrived in v1.27; the tcp_keepalive set only in v1.29). */
export const SAFE_SYSCTLS_V1_28: readonly string[] = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
];

/** SELinux types a baseline pod may request (container_engine_t only from v1.31). */
export const BASELINE_SELINUX_TYPES: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The pod-level security context and every container's, with their field paths: many checks look at both. */
function securityContextsOf(template: PodTemplateJson, templatePath: string): { ctx: CommonSecurityContextJson; path: string }[] {
  const specPath = fieldPath(templatePath, 'spec');
  const spec = template.spec ?? {};
  const pod = spec.securityContext ? [{ ctx: spec.securityContext, path: fieldPath(specPath, 'securityContext') }] : [];
  const containers = containersOf(spec, specPath).flatMap(({ container, path }) =>
    container.securityContext ? [{ ctx: container.securityContext, path: `${path}.securityContext` }] : [],
  );
  return [...pod, ...containers];
}

export const hostNamespaces: PodCheck = (template, templatePath) =>
  (['hostNetwork', 'hostPID', 'hostIPC'] as const)
    .filter((field) => template.spec?.[field] === true)
    .map((field) =>
      violation('pss-host-namespaces', fieldPath(templatePath, 'spec', field), `${field} shares a host namespace`, `remove ${field} or set it to false`, true),
    );

export const privileged: PodCheck = (template, templatePath) =>
  containersOf(template.spec ?? {}, fieldPath(templatePath, 'spec'))
    .filter(({ container }) => container.securityContext?.privileged === true)
    .map(({ path }) =>
      violation('pss-privileged', `${path}.securityContext.privileged`, 'privileged containers are forbidden', 'set privileged to false', true),
    );

export const capabilitiesBaseline: PodCheck = (template, templatePath) =>
  containersOf(template.spec ?? {}, fieldPath(templatePath, 'spec')).flatMap(({ container, path }) =>
    (container.securityContext?.capabilities?.add ?? [])
      .map((cap, i) => ({ cap, i }))
      .filter(({ cap }) => !BASELINE_CAPABILITIES.includes(cap))
      .map(({ cap, i }) =>
        violation('pss-capabilities-baseline', `${path}.securityContext.capabilities.add[${i}]`, `capability ${cap} is not allowed by baseline`, 'remove it; use an image that does not need it', cap),
      ),
  );

export const hostPathVolumes: PodCheck = (template, templatePath) =>
  (template.spec?.volumes ?? [])
    .map((volume, i) => ({ volume, i }))
    .filter(({ volume }) => volume.hostPath !== undefined)
    .map(({ i }) =>
      violation('pss-host-path-volumes', fieldPath(templatePath, 'spec', `volumes[${i}]`, 'hostPath'), 'hostPath volumes are forbidden', 'use an emptyDir, configMap, secret or persistentVolumeClaim'),
    );

export const hostPorts: PodCheck = (template, templatePath) =>
  containersOf(template.spec ?? {}, fieldPath(templatePath, 'spec')).flatMap(({ container, path }) =>
    (container.ports ?? [])
      .map((port, i) => ({ port, i }))
      .filter(({ port }) => port.hostPort !== undefined && port.hostPort !== 0)
      .map(({ port, i }) =>
        violation('pss-host-ports', `${path}.ports[${i}].hostPort`, 'hostPort is forbidden', 'remove hostPort; expose the port through a Service', port.hostPort),
      ),
  );

export const appArmorProfile: PodCheck = (template, templatePath) => {
  const annotations = Object.entries(template.metadata?.annotations ?? {})
    .filter(([key, value]) => key.startsWith(APPARMOR_ANNOTATION_PREFIX) && value !== 'runtime/default' && !value.startsWith('localhost/'))
    .map(([key, value]) =>
      violation('pss-app-armor-profile', fieldPath(templatePath, 'metadata', 'annotations', key), `AppArmor profile ${value} is not allowed`, 'use runtime/default or localhost/<profile>', value),
    );
  const fields = securityContextsOf(template, templatePath)
    .filter(({ ctx }) => ctx.appArmorProfile?.type !== undefined && !['RuntimeDefault', 'Localhost'].includes(ctx.appArmorProfile.type))
    .map(({ ctx, path }) =>
      violation('pss-app-armor-profile', `${path}.appArmorProfile.type`, `AppArmor profile ${String(ctx.appArmorProfile?.type)} is not allowed`, 'use RuntimeDefault or Localhost', ctx.appArmorProfile?.type),
    );
  return [...annotations, ...fields];
};

export const seLinuxOptions: PodCheck = (template, templatePath) =>
  securityContextsOf(template, templatePath).flatMap(({ ctx, path }) => {
    const options = ctx.seLinuxOptions;
    if (!options) return [];
    const found: PolicyViolation[] = [];
    if (options.type !== undefined && !BASELINE_SELINUX_TYPES.includes(options.type)) {
      found.push(violation('pss-se-linux-options', `${path}.seLinuxOptions.type`, `SELinux type ${options.type} is not allowed`, `use one of ${BASELINE_SELINUX_TYPES.filter(Boolean).join(', ')} or leave it unset`, options.type));
    }
    for (const field of ['user', 'role'] as const) {
      if (options[field]) {
        found.push(violation('pss-se-linux-options', `${path}.seLinuxOptions.${field}`, `SELinux ${field} must not be set`, `remove seLinuxOptions.${field}`, options[field]));
      }
    }
    return found;
  });

export const procMount: PodCheck = (template, templatePath) =>
  containersOf(template.spec ?? {}, fieldPath(templatePath, 'spec'))
    .filter(({ container }) => container.securityContext?.procMount !== undefined && container.securityContext.procMount !== 'Default')
    .map(({ container, path }) =>
      violation('pss-proc-mount', `${path}.securityContext.procMount`, 'only the Default proc mount is allowed', 'remove procMount or set it to Default', container.securityContext?.procMount),
    );

export const seccompProfileBaseline: PodCheck = (template, templatePath) =>
  securityContextsOf(template, templatePath)
    .filter(({ ctx }) => ctx.seccompProfile?.type === 'Unconfined')
    .map(({ path }) =>
      violation('pss-seccomp-profile-baseline', `${path}.seccompProfile.type`, 'seccomp profile Unconfined is forbidden', 'use RuntimeDefault', 'Unconfined'),
    );

export const sysctls: PodCheck = (template, templatePath) =>
  (template.spec?.securityContext?.sysctls ?? [])
    .map((sysctl, i) => ({ name: sysctl.name ?? '', i }))
    .filter(({ name }) => !SAFE_SYSCTLS_V1_28.includes(name))
    .map(({ name, i }) =>
      violation('pss-sysctls', fieldPath(templatePath, 'spec', 'securityContext', `sysctls[${i}]`, 'name'), `sysctl ${name} is not in the safe set`, `use only ${SAFE_SYSCTLS_V1_28.join(', ')}`, name),
    );

export const windowsHostProcess: PodCheck = (template, templatePath) =>
  securityContextsOf(template, templatePath)
    .filter(({ ctx }) => ctx.windowsOptions?.hostProcess === true)
    .map(({ path }) =>
      violation('pss-windows-host-process', `${path}.windowsOptions.hostProcess`, 'Windows HostProcess containers are forbidden', 'remove windowsOptions.hostProcess', true),
    );

/** All baseline checks, in the order pod-security-admission lists them. */
export const BASELINE_CHECKS: readonly PodCheck[] = [
  hostNamespaces, privileged, capabilitiesBaseline, hostPathVolumes, hostPorts, appArmorProfile, seLinuxOptions,
  procMount, seccompProfileBaseline, sysctls, windowsHostProcess,
];
