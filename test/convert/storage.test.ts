import { convert } from './given';

const web = (volumes: string, extra = '') => `services:
  web:
    image: ghcr.io/acme/web:1.0.0
    user: "10001:10001"
    expose: [8080]
${extra}    volumes:
${volumes}`;

describe('volumes, tmpfs and shm_size', () => {
  test('a named volume of a database becomes its own data claim, sized by x-webstack.storage', () => {
    const { role, findings } = convert(`services:
  db:
    image: postgres:16.6
    environment: { POSTGRES_PASSWORD: x }
    volumes: [pgdata:/var/lib/postgresql/data, extra:/var/lib/extra]
    x-webstack: { storage: { size: 20Gi, class: fast } }
volumes: { pgdata: {}, extra: {} }
`);
    const props = role('db').props as { storageSize?: string; storageClassName?: string; volumes?: unknown[] };
    expect(props).toMatchObject({ storageSize: '20Gi', storageClassName: 'fast' });
    expect(props.volumes).toEqual([{ name: 'data-extra', mountPath: '/var/lib/extra', volumeClaimTemplate: { size: '20Gi', storageClassName: 'fast' } }]);
    expect(findings.filter((f) => f.startsWith('volume'))).toEqual([]);
  });

  test('a named volume of a stateless role is a ReadWriteOnce claim that pins it to one replica', () => {
    const { spec, role, findings } = convert(`${web('      - uploads:/app/uploads\n')}volumes: { uploads: {} }\n`);
    expect(spec.claims).toEqual([{ name: 'uploads', size: '8Gi' }]);
    expect(role('web').props).toMatchObject({ replicas: 1, autoscaling: false, volumes: [{ name: 'data-uploads', mountPath: '/app/uploads', persistentVolumeClaim: { claimName: 'uploads' } }] });
    expect(findings).toContain('volume-stateless-claim 7:9');
  });

  test('fails when two services share a named volume', () => {
    const { findings } = convert(`services:
  a: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }
  b: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }
volumes: { media: {} }
`);
    expect(findings.filter((f) => f.startsWith('volume-shared'))).toEqual(['volume-shared 2:54', 'volume-shared 3:54']);
  });

  test('with rwxStorageClass a shared volume is one ReadWriteMany claim of that class, with a warning per service', () => {
    const { spec, findings } = convert(`services:
  a: { image: "busybox:1.36", user: "1:1", volumes: [media:/m, own:/o] }
  b: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }
volumes: { media: {}, own: {} }
`, {}, { rwxStorageClass: 'nfs-rwx' });
    expect(spec.claims).toEqual([
      { name: 'media', size: '8Gi', storageClassName: 'nfs-rwx', accessMode: 'ReadWriteMany' },
      { name: 'own', size: '8Gi', storageClassName: undefined, accessMode: undefined },
    ]);
    expect(findings.filter((f) => f.startsWith('volume-shared'))).toEqual(['volume-shared-rwx 2:54', 'volume-shared-rwx 3:54']);
  });

  test('a volume declared ReadWriteMany by one of its services is one shared claim of that class', () => {
    const { spec, findings } = convert(`services:
  a: { image: "busybox:1.36", user: "1:1", volumes: [media:/m], x-webstack: { storage: { class: nfs, access_mode: ReadWriteMany } } }
  b: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }
volumes: { media: {} }
`);
    expect(spec.claims).toEqual([{ name: 'media', size: '8Gi', storageClassName: 'nfs', accessMode: 'ReadWriteMany' }]);
    expect(findings.filter((f) => f.startsWith('volume-shared'))).toEqual([]);
  });

  test('a bind-mounted config file becomes a read-only ConfigMap file mounted with subPath', () => {
    const { spec, role } = convert(web('      - ./nginx.conf:/etc/nginx/conf.d/default.conf:ro\n'), { 'nginx.conf': 'server { listen 8080; }\n' });
    expect(spec.configMaps).toEqual([{ name: 'web-default-conf', data: { 'nginx.conf': 'server { listen 8080; }\n' } }]);
    expect((role('web').props as { volumes: unknown[] }).volumes).toEqual([
      { name: 'config-etc-nginx-conf-d-default-conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'nginx.conf', configMap: { name: 'web-default-conf' } },
    ]);
  });

  test('a key file becomes a Secret the user creates; its content is never copied', () => {
    const { spec, findings } = convert(web('      - ./certs/tls.key:/etc/tls/tls.key:ro\n'), { 'certs/tls.key': '-----BEGIN PRIVATE KEY-----MIIEv\n' });
    expect(spec.secrets).toEqual([{ name: 'web-tls-key', keys: { 'tls.key': { kind: 'file', path: './certs/tls.key' } } }]);
    expect(JSON.stringify(spec)).not.toContain('MIIEv');
    expect(findings).toContain('volume-secret-file 7:9');
  });

  test.each([
    ['source code', '      - .:/app\n', {}, 'volume-source-code 7:9'],
    ['the Docker socket', '      - /var/run/docker.sock:/var/run/docker.sock\n', {}, 'volume-docker-socket 7:9'],
    ['a host path', '      - /etc/localtime:/etc/localtime:ro\n', {}, 'volume-host-path 7:9'],
    ['a missing source', '      - ./conf:/etc/conf\n', {}, 'volume-bind-missing 7:9'],
    ['a nested config directory', '      - ./conf:/etc/conf\n', { 'conf/a/b.conf': 'x' }, 'volume-config-too-large 7:9'],
    ['an anonymous volume', '      - /var/cache/app\n', {}, 'volume-anonymous 7:9'],
  ])('%s is reported at its entry and not mounted', (_what, volumes, files, finding) => {
    const { findings, role } = convert(web(volumes), files);
    expect(findings).toContain(finding);
    const mounted = ((role('web').props as { volumes?: { emptyDir?: unknown }[] }).volumes ?? []).filter((v) => !v.emptyDir);
    expect(mounted).toEqual([]);
  });

  test('tmpfs entries and shm_size become memory-backed emptyDirs with size limits', () => {
    const { role } = convert(web('      - type: tmpfs\n        target: /run\n        tmpfs: { size: 16m }\n', '    tmpfs: ["/tmp:size=32m"]\n    shm_size: 256m\n'));
    expect((role('web').props as { volumes: unknown[] }).volumes).toEqual([
      { name: 'tmpfs-run', mountPath: '/run', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } },
      { name: 'tmpfs-tmp', mountPath: '/tmp', emptyDir: { medium: 'Memory', sizeLimit: '32Mi' } },
      { name: 'shm', mountPath: '/dev/shm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } },
    ]);
  });
});
