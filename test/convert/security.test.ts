import { convert } from './given';

const service = (lines: string, image = 'ghcr.io/acme/app:1.0.0') => `services:
  app:
    image: ${image}
${lines}`;

describe('user, capabilities and everything restricted forbids', () => {
  test.each([
    ['"1000:2000"', 'ghcr.io/acme/app:1.0.0', { runAsUser: 1000, runAsGroup: 2000, fsGroup: 2000 }],
    ['"1000"', 'ghcr.io/acme/app:1.0.0', { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }],
    ['www-data', 'ghcr.io/acme/app:1.0.0', { runAsUser: 33, runAsGroup: 33, fsGroup: 33 }],
    ['postgres', 'postgres:16.6-alpine', { runAsUser: 70, runAsGroup: 70, fsGroup: 70 }],
    ['postgres', 'postgres:16.6', { runAsUser: 999, runAsGroup: 999, fsGroup: 999 }],
  ])('user %s on %s', (user, image, identity) => {
    const { role } = convert(service(`    user: ${user}\n    environment: { POSTGRES_PASSWORD: x }\n`, image));
    expect(role('app').props).toMatchObject(identity);
  });

  test('a postgres alpine image without user gets the alpine uid', () => {
    expect(convert(service('    environment: { POSTGRES_PASSWORD: x }\n', 'postgres:16.6-alpine')).role('app').props).toMatchObject({ runAsUser: 70, fsGroup: 70 });
  });

  test.each([
    ['    user: root\n', 'user-root 4:5'],
    ['    user: "0:0"\n', 'user-root 4:5'],
    ['    user: appuser\n', 'user-name 4:5'],
    ['    user: "1:1"\n    privileged: true\n', 'privileged-forbidden 5:5'],
    ['    user: "1:1"\n    pid: host\n', 'host-namespace-forbidden 5:5'],
    ['    user: "1:1"\n    network_mode: host\n', 'host-namespace-forbidden 5:5'],
    ['    user: "1:1"\n    cap_add: [NET_ADMIN]\n', 'cap-add-forbidden 5:15'],
    ['    user: "1:1"\n    cap_add: [NET_BIND_SERVICE]\n', 'cap-add-net-bind 5:15'],
    ['    user: "1:1"\n    security_opt: ["seccomp:unconfined"]\n', 'security-opt-forbidden 5:20'],
    ['    user: "1:1"\n    security_opt: ["label:type:svirt_apache_t"]\n', 'security-opt-ignored 5:20'],
    ['    user: "1:1"\n    security_opt: ["no-new-privileges:true"]\n', 'ignored-key 5:20'],
    ['    user: "1:1"\n    sysctls: { net.ipv4.conf.all.src_valid_mark: 1 }\n', 'sysctl-unsafe 5:16'],
    ['    user: "1:1"\n    group_add: [audio]\n', 'group-add-name 5:17'],
    ['    user: "1:1"\n    ipc: "service:other"\n', 'unsupported-key 5:5'],
  ])('%j is reported as %s', (lines, finding) => {
    expect(convert(service(lines)).findings).toContain(finding);
  });

  test('safe Compose sysctls become pod sysctls; a lower Compose unprivileged port start is kept', () => {
    const { role, findings } = convert(service('    user: "1:1"\n    expose: [443]\n    sysctls: { net.ipv4.tcp_syncookies: 1, net.ipv4.ip_unprivileged_port_start: 0 }\n'));
    expect(role('app').props).toMatchObject({ sysctls: { 'net.ipv4.tcp_syncookies': '1', 'net.ipv4.ip_unprivileged_port_start': '0' } });
    expect(findings.filter((f) => f.startsWith('sysctl') || f.startsWith('unsupported-key'))).toEqual([]);
  });

  test('an unsafe sysctl is refused and never reaches the pod', () => {
    const { role } = convert(service('    user: "1:1"\n    sysctls: { net.ipv4.conf.all.src_valid_mark: 1 }\n'));
    expect(role('app').props).not.toHaveProperty('sysctls');
  });

  test('an unknown image without user is warned about: its USER must be numeric and non-root', () => {
    expect(convert(service('')).findings).toContain('user-unset 2:3');
  });
});
