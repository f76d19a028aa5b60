import * as path from 'path';
import type { VolumeMountSpec } from '../compose/model';
import type { VolumeSpec } from '../kube/volumes';
import type { ServiceContext } from './context';
import { dataKey, dnsLabel } from './names';

/** ConfigMaps hold at most 1 MiB in all. */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/** Files that hold key material or credentials: their content must never reach a ConfigMap. */
const SECRET_FILE = /(\.(key|pem|p12|pfx|jks|keystore|crt|cer|der|env)$)|(^|[._-])(htpasswd|passwd|password|secret|credentials?|token|id_rsa|id_ed25519)([._-]|$)|^\.env/i;
/** Files and directories that are application code, which belongs in the image. */
const SOURCE_MARKERS = ['package.json', 'pyproject.toml', 'requirements.txt', 'go.mod', 'Gemfile', 'pom.xml', 'build.gradle', 'composer.json', 'Cargo.toml', 'manage.py', 'Dockerfile', '.git'];
const SOURCE_FILE = /\.(py|js|mjs|cjs|ts|tsx|jsx|go|rb|php|java|kt|rs|cs|vue|svelte)$/i;

/** A bind mount: config files become ConfigMaps, key files Secret references; everything else is reported. */
export function bindMount(ctx: ServiceContext, mount: VolumeMountSpec, at: string, unique: (base: string) => string): VolumeSpec[] {
  const source = mount.source ?? '';
  const relative = path.relative(ctx.project.workingDir, source);
  if (path.basename(source) === 'docker.sock') {
    ctx.reporter.report('volume-docker-socket', {
      at,
      message: `mounting the Docker socket (${source}) gives root on the node, and Kubernetes nodes need not run Docker`,
      value: source,
      fix: 'remove it: configure the tool through the Kubernetes API (e.g. an Ingress controller instead of Docker labels)',
    });
    return [];
  }
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    ctx.reporter.report('volume-host-path', {
      at,
      message: `${source} is a path on the host; hostPath volumes are forbidden under Pod Security restricted`,
      value: source,
      fix: source.startsWith('/etc/localtime') || source.startsWith('/etc/timezone') ? 'set the TZ environment variable instead' : 'use a named volume, or ship the files in the image or a ConfigMap',
    });
    return [];
  }
  const kind = ctx.files.kind(source);
  if (kind === undefined) {
    ctx.reporter.report('volume-bind-missing', {
      at,
      message: `bind mount source ./${relative} does not exist`,
      value: `./${relative}`,
      fix: 'create the file, or use a named volume for data the container writes',
    });
    return [];
  }
  const entries = kind === 'directory' ? ctx.files.list(source) : [path.basename(source)];
  if (relative === '' || entries.some((e) => SOURCE_MARKERS.includes(e)) || (kind === 'file' && SOURCE_FILE.test(source))) {
    ctx.reporter.report('volume-source-code', {
      at,
      message: `./${relative} looks like source code; it is not mounted, the image must contain it`,
      value: `./${relative}`,
      fix: 'build the code into the image (bind mounts of code belong to development override files)',
    });
    return [];
  }
  if (entries.some((e) => SECRET_FILE.test(e))) return [secretFiles(ctx, mount, relative, kind, entries, at, unique)];
  return configFiles(ctx, mount, relative, kind, entries, at, unique);
}

function secretFiles(ctx: ServiceContext, mount: VolumeMountSpec, relative: string, kind: 'file' | 'directory', entries: readonly string[], at: string, unique: (base: string) => string): VolumeSpec {
  const secretName = dnsLabel(`${ctx.name}-${path.basename(mount.target)}`);
  for (const entry of entries) ctx.objects.requireSecret(secretName, dataKey(entry), { kind: 'file', path: kind === 'file' ? `./${relative}` : `./${relative}/${entry}` });
  ctx.reporter.report('volume-secret-file', {
    at,
    message: `./${relative} holds key material or credentials: it is mounted from the Secret ${secretName}, which you create; its content is not copied`,
    value: `./${relative}`,
    fix: 'create the Secret with the kubectl command printed at the end',
  });
  const name = unique(`secret-${mount.target}`);
  return kind === 'file'
    ? { name, mountPath: mount.target, subPath: dataKey(entries[0] ?? ''), secret: { secretName } }
    : { name, mountPath: mount.target, secret: { secretName } };
}

function configFiles(ctx: ServiceContext, mount: VolumeMountSpec, relative: string, kind: 'file' | 'directory', entries: readonly string[], at: string, unique: (base: string) => string): VolumeSpec[] {
  const source = mount.source ?? '';
  const files = kind === 'file' ? [source] : entries.map((e) => path.join(source, e));
  const nested = files.some((f) => ctx.files.kind(f) !== 'file');
  const contents = nested ? [] : files.map((f) => ctx.files.read(f));
  if (nested || contents.reduce((sum, c) => sum + c.length, 0) > CONFIGMAP_LIMIT_BYTES) {
    ctx.reporter.report('volume-config-too-large', {
      at,
      message: `./${relative} is ${nested ? 'a nested directory' : 'larger than the 1 MiB a ConfigMap holds'}`,
      value: `./${relative}`,
      fix: 'bake the files into the image, or mount only the config files that change per environment',
    });
    return [];
  }
  const configMap = dnsLabel(`${ctx.name}-${kind === 'file' ? path.basename(mount.target) : mount.target}`);
  files.forEach((file, i) => ctx.objects.addConfigData(configMap, dataKey(path.basename(file)), contents[i] as Buffer));
  const name = unique(`config-${mount.target}`);
  return kind === 'file'
    ? [{ name, mountPath: mount.target, subPath: dataKey(path.basename(source)), configMap: { name: configMap } }]
    : [{ name, mountPath: mount.target, configMap: { name: configMap } }];
}
