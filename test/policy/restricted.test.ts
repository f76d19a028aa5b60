import { checkRestricted } from '../../lib/policy/restricted';
import { compliantContainer, compliantTemplate, mutable } from './fixtures';

const C0 = 'spec.template.spec.containers[0]';

/** Runs the checker on a mutated compliant template and returns `code path` pairs, the stable part of a report. */
function violationsAfter(mutate: (t: any) => void): string[] {
  const template = mutable(compliantTemplate());
  mutate(template);
  return checkRestricted(template, 'spec.template').map((v) => `${v.code} ${v.path}`);
}

test('the compliant fixture passes', () => {
  expect(checkRestricted(compliantTemplate(), 'spec.template')).toEqual([]);
});

test('a Pod (empty template path) reports paths from spec', () => {
  const template = mutable(compliantTemplate());
  template.spec.hostPID = true;
  expect(checkRestricted(template).map((v) => v.path)).toEqual(['spec.hostPID']);
});

describe('baseline', () => {
  test.each([
    ['hostNetwork', (t: any) => (t.spec.hostNetwork = true), [`pss-host-namespaces spec.template.spec.hostNetwork`]],
    ['hostPID', (t: any) => (t.spec.hostPID = true), [`pss-host-namespaces spec.template.spec.hostPID`]],
    ['hostIPC', (t: any) => (t.spec.hostIPC = true), [`pss-host-namespaces spec.template.spec.hostIPC`]],
    ['privileged', (t: any) => (t.spec.containers[0].securityContext.privileged = true), [`pss-privileged ${C0}.securityContext.privileged`]],
    ['privileged init container', (t: any) => (t.spec.initContainers = [{ ...compliantContainer('init'), securityContext: { ...compliantContainer().securityContext, privileged: true } }]), [`pss-privileged spec.template.spec.initContainers[0].securityContext.privileged`]],
    ['NET_RAW added', (t: any) => (t.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'NET_RAW']), [
      `pss-capabilities-baseline ${C0}.securityContext.capabilities.add[1]`,
      `pss-capabilities-restricted ${C0}.securityContext.capabilities.add[1]`,
    ]],
    ['hostPath volume', (t: any) => t.spec.volumes.push({ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }), [
      'pss-host-path-volumes spec.template.spec.volumes[1].hostPath',
      'pss-restricted-volumes spec.template.spec.volumes[1].hostPath',
    ]],
    ['hostPort', (t: any) => (t.spec.containers[0].ports[0].hostPort = 80), [`pss-host-ports ${C0}.ports[0].hostPort`]],
    ['AppArmor annotation unconfined', (t: any) => (t.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'unconfined'), [
      'pss-app-armor-profile spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/app',
    ]],
    ['AppArmor field Unconfined', (t: any) => (t.spec.securityContext.appArmorProfile = { type: 'Unconfined' }), ['pss-app-armor-profile spec.template.spec.securityContext.appArmorProfile.type']],
    ['SELinux type spc_t', (t: any) => (t.spec.containers[0].securityContext.seLinuxOptions = { type: 'spc_t' }), [`pss-se-linux-options ${C0}.securityContext.seLinuxOptions.type`]],
    ['SELinux container_engine_t (only allowed from v1.31)', (t: any) => (t.spec.securityContext.seLinuxOptions = { type: 'container_engine_t' }), ['pss-se-linux-options spec.template.spec.securityContext.seLinuxOptions.type']],
    ['SELinux user and role', (t: any) => (t.spec.securityContext.seLinuxOptions = { user: 'system_u', role: 'system_r' }), [
      'pss-se-linux-options spec.template.spec.securityContext.seLinuxOptions.user',
      'pss-se-linux-options spec.template.spec.securityContext.seLinuxOptions.role',
    ]],
    ['procMount Unmasked', (t: any) => (t.spec.containers[0].securityContext.procMount = 'Unmasked'), [`pss-proc-mount ${C0}.securityContext.procMount`]],
    ['seccomp Unconfined on the pod', (t: any) => (t.spec.securityContext.seccompProfile.type = 'Unconfined'), [
      'pss-seccomp-profile-baseline spec.template.spec.securityContext.seccompProfile.type',
      'pss-seccomp-profile-restricted spec.template.spec.securityContext.seccompProfile.type',
    ]],
    ['unsafe sysctl', (t: any) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'kernel.msgmax', value: '1' }]), [
      'pss-sysctls spec.template.spec.securityContext.sysctls[1].name',
    ]],
    ['sysctl that is only safe from v1.29', (t: any) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }]), [
      'pss-sysctls spec.template.spec.securityContext.sysctls[0].name',
    ]],
    ['windows hostProcess', (t: any) => (t.spec.containers[0].securityContext.windowsOptions = { hostProcess: true }), [`pss-windows-host-process ${C0}.securityContext.windowsOptions.hostProcess`]],
  ])('fails on %s', (_name, mutate, expected) => {
    expect(violationsAfter(mutate)).toEqual(expected);
  });

  test.each([
    ['host namespaces explicitly false', (t: any) => Object.assign(t.spec, { hostNetwork: false, hostPID: false, hostIPC: false })],
    ['privileged explicitly false', (t: any) => (t.spec.containers[0].securityContext.privileged = false)],
    ['NET_BIND_SERVICE added', (t: any) => (t.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE'])],
    ['hostPort 0', (t: any) => (t.spec.containers[0].ports[0].hostPort = 0)],
    ['AppArmor runtime/default and localhost annotations', (t: any) => Object.assign(t.metadata.annotations, {
      'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/side': 'localhost/custom',
    })],
    ['AppArmor field Localhost', (t: any) => (t.spec.containers[0].securityContext.appArmorProfile = { type: 'Localhost' })],
    ['SELinux container_init_t with a level', (t: any) => (t.spec.securityContext.seLinuxOptions = { type: 'container_init_t', level: 's0:c1,c2' })],
    ['procMount Default', (t: any) => (t.spec.containers[0].securityContext.procMount = 'Default')],
    ['safe sysctls of v1.28', (t: any) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '30000' }, { name: 'kernel.shm_rmid_forced', value: '1' }])],
  ])('passes with %s', (_name, mutate) => {
    expect(violationsAfter(mutate)).toEqual([]);
  });
});

describe('restricted', () => {
  test.each([
    ['a nfs volume', (t: any) => t.spec.volumes.push({ name: 'share', nfs: { server: 'nfs', path: '/' } }), ['pss-restricted-volumes spec.template.spec.volumes[1].nfs']],
    ['allowPrivilegeEscalation unset', (t: any) => delete t.spec.containers[0].securityContext.allowPrivilegeEscalation, [`pss-allow-privilege-escalation ${C0}.securityContext.allowPrivilegeEscalation`]],
    ['allowPrivilegeEscalation true', (t: any) => (t.spec.containers[0].securityContext.allowPrivilegeEscalation = true), [`pss-allow-privilege-escalation ${C0}.securityContext.allowPrivilegeEscalation`]],
    ['runAsNonRoot unset on pod and container', (t: any) => {
      delete t.spec.securityContext.runAsNonRoot;
      delete t.spec.containers[0].securityContext.runAsNonRoot;
    }, [`pss-run-as-non-root ${C0}.securityContext.runAsNonRoot`]],
    ['runAsNonRoot false on the pod', (t: any) => {
      t.spec.securityContext.runAsNonRoot = false;
      delete t.spec.containers[0].securityContext.runAsNonRoot;
    }, ['pss-run-as-non-root spec.template.spec.securityContext.runAsNonRoot', `pss-run-as-non-root ${C0}.securityContext.runAsNonRoot`]],
    ['runAsNonRoot false on a container despite the pod', (t: any) => (t.spec.containers[0].securityContext.runAsNonRoot = false), [`pss-run-as-non-root ${C0}.securityContext.runAsNonRoot`]],
    ['runAsUser 0 on the pod', (t: any) => (t.spec.securityContext.runAsUser = 0), ['pss-run-as-user spec.template.spec.securityContext.runAsUser']],
    ['runAsUser 0 on a container', (t: any) => (t.spec.containers[0].securityContext.runAsUser = 0), [`pss-run-as-user ${C0}.securityContext.runAsUser`]],
    ['no seccomp profile anywhere', (t: any) => {
      delete t.spec.securityContext.seccompProfile;
      delete t.spec.containers[0].securityContext.seccompProfile;
    }, [`pss-seccomp-profile-restricted ${C0}.securityContext.seccompProfile.type`]],
    ['seccomp Unconfined on a container', (t: any) => (t.spec.containers[0].securityContext.seccompProfile.type = 'Unconfined'), [
      `pss-seccomp-profile-baseline ${C0}.securityContext.seccompProfile.type`,
      `pss-seccomp-profile-restricted ${C0}.securityContext.seccompProfile.type`,
    ]],
    ['seccomp Unconfined on the pod leaves an unset container uncovered', (t: any) => {
      t.spec.securityContext.seccompProfile.type = 'Unconfined';
      delete t.spec.containers[0].securityContext.seccompProfile;
    }, [
      'pss-seccomp-profile-baseline spec.template.spec.securityContext.seccompProfile.type',
      'pss-seccomp-profile-restricted spec.template.spec.securityContext.seccompProfile.type',
      `pss-seccomp-profile-restricted ${C0}.securityContext.seccompProfile.type`,
    ]],
    ['capabilities not dropped', (t: any) => delete t.spec.containers[0].securityContext.capabilities, [`pss-capabilities-restricted ${C0}.securityContext.capabilities.drop`]],
    ['only NET_RAW dropped', (t: any) => (t.spec.containers[0].securityContext.capabilities.drop = ['NET_RAW']), [`pss-capabilities-restricted ${C0}.securityContext.capabilities.drop`]],
    ['CHOWN added (baseline allows it, restricted does not)', (t: any) => (t.spec.containers[0].securityContext.capabilities.add = ['CHOWN']), [`pss-capabilities-restricted ${C0}.securityContext.capabilities.add[0]`]],
    ['an ephemeral container without a security context', (t: any) => (t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]), [
      'pss-allow-privilege-escalation spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
      'pss-capabilities-restricted spec.template.spec.ephemeralContainers[0].securityContext.capabilities.drop',
    ]],
  ])('fails on %s', (_name, mutate, expected) => {
    expect(violationsAfter(mutate)).toEqual(expected);
  });

  test.each([
    ['every allowed volume source', (t: any) => t.spec.volumes.push(
      { name: 'a', configMap: { name: 'x' } }, { name: 'b', csi: { driver: 'd' } }, { name: 'c', downwardAPI: {} },
      { name: 'd', ephemeral: {} }, { name: 'e', persistentVolumeClaim: { claimName: 'x' } }, { name: 'f', projected: {} },
      { name: 'g', secret: { secretName: 'x' } },
    )],
    ['runAsNonRoot only on the container', (t: any) => delete t.spec.securityContext.runAsNonRoot],
    ['runAsNonRoot only on the pod', (t: any) => delete t.spec.containers[0].securityContext.runAsNonRoot],
    ['runAsUser unset', (t: any) => {
      delete t.spec.securityContext.runAsUser;
      delete t.spec.containers[0].securityContext.runAsUser;
    }],
    ['seccomp only on the pod', (t: any) => delete t.spec.containers[0].securityContext.seccompProfile],
    ['seccomp only on the container', (t: any) => delete t.spec.securityContext.seccompProfile],
    ['seccomp Localhost', (t: any) => (t.spec.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' })],
    ['a windows pod without Linux-only fields', (t: any) => {
      t.spec.os = { name: 'windows' };
      t.spec.containers[0].securityContext = { runAsNonRoot: true };
      delete t.spec.securityContext.seccompProfile;
    }],
  ])('passes with %s', (_name, mutate) => {
    expect(violationsAfter(mutate)).toEqual([]);
  });
});
