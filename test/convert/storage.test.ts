import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { convertCompose } from '../../lib/convert';
import { convert, givenProject } from './given';

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

  test('two services sharing a named volume share one ReadWriteOnce claim, their pods placed on one node', () => {
    const { findings, role } = convert(`services:
  a: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }
  b: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }
volumes: { media: {} }
`);
    expect(findings.filter((f) => f.startsWith('volume-shared'))).toEqual(['volume-shared 2:54', 'volume-shared 3:54']);
    expect(role('b').props).toMatchObject({ sameNodeAs: [{ 'claim.webstack.io/media': 'mounted' }] });
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
    ['the host time zone', '      - /etc/localtime:/etc/localtime:ro\n', {}, 'volume-time-zone 7:9'],
    ['a host system path', '      - /proc:/host/proc:ro\n', {}, 'volume-host-system 7:9'],
    ['an anonymous volume', '      - /var/cache/app\n', {}, 'volume-anonymous 7:9'],
  ])('%s is reported at its entry and not mounted', (_what, volumes, files, finding) => {
    const { findings, role } = convert(web(volumes), files);
    expect(findings).toContain(finding);
    const mounted = ((role('web').props as { volumes?: { emptyDir?: unknown }[] }).volumes ?? []).filter((v) => !v.emptyDir);
    expect(mounted).toEqual([]);
  });

  test.each([
    ['a missing source (Compose creates it at up)', '      - ./uploads:/app/uploads\n', {}, 'volume-bind-missing', 'uploads'],
    ['a host path outside the project', '      - ~/.app-cfg/web:/config\n', {}, 'volume-host-path', 'home-dev-app-cfg-web'],
    ['a config tree over 1 MiB', '      - ./data:/app/data\n', { 'data/big.bin': 'x'.repeat(1024 * 1024 + 1) }, 'volume-config-too-large', 'data'],
  ])('%s becomes a claim that keeps the data, with a warning at its entry', (_what, volumes, files, code, claimName) => {
    const { findings, role, spec } = convert(web(volumes), files, { environment: { HOME: '/home/dev' } });
    expect(findings).toContain(`${code} 7:9`);
    expect(spec.claims).toEqual([expect.objectContaining({ name: claimName, size: '8Gi' })]);
    expect(role('web').props).toMatchObject({ replicas: 1, autoscaling: false, volumes: [expect.objectContaining({ persistentVolumeClaim: { claimName } })] });
    expect(spec.configMaps).toEqual([]);
  });

  test('a symlink out of the project is never read: its target becomes a claim', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-outside-'));
    fs.writeFileSync(path.join(dir, 'secret.conf'), 'outside-content-123');
    const project = givenProject(web('      - ./linked.conf:/etc/app.conf:ro\n'));
    fs.symlinkSync(path.join(dir, 'secret.conf'), path.join(project, 'linked.conf'));
    const result = convertCompose({ files: [path.join(project, 'compose.yaml')], environment: {} });
    expect(JSON.stringify(result.spec)).not.toContain('outside-content-123');
    expect(result.diagnostics.map((d) => d.code)).toContain('volume-host-path');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a nested config directory under 1 MiB is one ConfigMap, files placed with items[].path', () => {
    const { role, spec } = convert(web('      - ./conf:/etc/conf:ro\n'), { 'conf/a/b.conf': 'x', 'conf/top.conf': 'y' });
    expect(spec.configMaps).toEqual([{ name: 'web-etc-conf', data: { 'a_b.conf': 'x', 'top.conf': 'y' } }]);
    expect((role('web').props as { volumes: unknown[] }).volumes).toEqual([
      { name: 'config-etc-conf', mountPath: '/etc/conf', configMap: { name: 'web-etc-conf', items: [{ key: 'a_b.conf', path: 'a/b.conf' }, { key: 'top.conf', path: 'top.conf' }] } },
    ]);
  });

  test('two services binding one missing path share one claim on one node', () => {
    const { spec, role, findings } = convert(`services:
  a: { image: "busybox:1.36", user: "1:1", volumes: [./shared:/s] }
  b: { image: "busybox:1.36", user: "1:1", volumes: [./shared:/s] }
`);
    expect(spec.claims.map((c) => c.name)).toEqual(['shared']);
    for (const service of ['a', 'b']) {
      expect(role(service).props).toMatchObject({ labels: { 'claim.webstack.io/shared': 'mounted' }, sameNodeAs: [{ 'claim.webstack.io/shared': 'mounted' }] });
    }
    expect(findings.filter((f) => f.startsWith('volume-shared'))).toEqual(['volume-shared 2:54', 'volume-shared 3:54']);
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
