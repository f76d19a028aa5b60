import * as path from 'path';
import type { VolumeMountSpec } from '../compose/model';
import type { VolumeSpec } from '../kube/volumes';
import { isWithin } from '../paths';
import type { ServiceContext } from './context';
import { dataKey, dnsLabel } from './names';

/**
 * What one generated ConfigMap may hold, measured as its data's JSON encoding: a ConfigMap takes 1 MiB, but
 * `kubectl apply` (client-side, as users apply `dist/`) copies the whole object into its last-applied annotation,
 * and annotations hold 256 KiB in all; 8 KiB stay for the metadata.
 */
export const CONFIGMAP_LIMIT_BYTES = 248 * 1024;

/** The size a file's content takes in a ConfigMap's JSON: escaped text in `data`, base64 in `binaryData`. */
export function encodedSize(content: Buffer): number {
  const text = content.toString('utf8');
  return Buffer.from(text, 'utf8').equals(content) ? JSON.stringify(text).length : Math.ceil(content.length / 3) * 4;
}

/** Files that hold key material or credentials: their content must never reach a ConfigMap. */
const SECRET_FILE = /(\.(key|pem|p12|pfx|jks|keystore|crt|cer|der|env)$)|(^|[._-])(htpasswd|passwd|password|secret|credentials?|token|id_rsa|id_ed25519)([._-]|$)|^\.env/i;
/** Files and directories that are application code, which belongs in the image. */
const SOURCE_MARKERS = ['package.json', 'pyproject.toml', 'requirements.txt', 'go.mod', 'Gemfile', 'pom.xml', 'build.gradle', 'composer.json', 'Cargo.toml', 'manage.py', 'Dockerfile', '.git'];
const SOURCE_FILE = /\.(py|js|mjs|cjs|ts|tsx|jsx|go|rb|php|java|kt|rs|cs|vue|svelte)$/i;

/**
 * Host paths a container may only use with the node's own privileges: mounting them needs hostPath, which
 * restricted forbids, and no claim can stand in for them (the service wants the host itself).
 */
const HOST_SYSTEM_PATHS = ['/proc', '/sys', '/dev', '/lib/modules', '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet', '/var/run', '/run', '/var/log', '/boot', '/etc', '/usr', '/lib', '/lib64', '/bin', '/sbin'];
/** Host files that only tell the container the node's time zone; the container runs in UTC or its TZ instead. */
const TIME_ZONE_FILES = ['/etc/localtime', '/etc/timezone'];

/** Where a bind mount is claimed from: the source and how it is reported. */
export interface BindClaim {
  /** The claim's name, from the source path, so two services binding one path share it. */
  readonly claimName: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
}

/**
 * A bind mount: config files become ConfigMaps, key files Secret references, source code is dropped. Paths that
 * cannot be read into a manifest become claims, as the data Compose keeps on the host must stay persistent: a
 * source Compose would create at `up` (it does not exist yet), a path outside the project (never read, even
 * through a symlink), a config tree too large for a ConfigMap. Only the Docker socket and host system paths are
 * refused: the service needs the node itself.
 */
export function bindMount(ctx: ServiceContext, mount: VolumeMountSpec, at: string, unique: (base: string) => string): VolumeSpec[] | BindClaim {
  const source = mount.source ?? '';
  if (path.basename(source) === 'docker.sock') {
    ctx.reporter.report('volume-docker-socket', {
      at,
      message: `mounting the Docker socket (${source}) gives root on the node, and Kubernetes nodes need not run Docker`,
      value: source,
      fix: `remove it (configure the tool through the Kubernetes API, e.g. an Ingress controller instead of Docker labels), or leave ${ctx.service.name} out: \`webstack convert SERVICE...\` converts only the services named`,
    });
    return [];
  }
  const real = ctx.files.realPath(source);
  const relative = path.relative(ctx.project.workingDir, real ?? source);
  const outside = !ctx.allowedRoots.some((root) => isWithin(real ?? source, root));
  const shown = outside ? source : `./${relative}`;
  // Only paths outside the project can be the host's own: a project may well live under /usr/src or /etc.
  if (outside && TIME_ZONE_FILES.includes(source)) {
    ctx.reporter.report('volume-time-zone', { at, message: `${source} is not mounted: the container keeps its own time zone (UTC unless TZ is set)`, value: source, fix: 'set the TZ environment variable, e.g. TZ: Europe/Berlin' });
    return [];
  }
  if (outside && (source === '/' || HOST_SYSTEM_PATHS.some((dir) => source === dir || source.startsWith(`${dir}/`)))) {
    ctx.reporter.report('volume-host-system', {
      at,
      message: `${source} is part of the host system; only a hostPath volume could mount it, and Pod Security restricted forbids those`,
      value: source,
      fix: `remove the mount if the service can do without it, or leave ${ctx.service.name} out: \`webstack convert SERVICE...\` converts only the services named`,
    });
    return [];
  }
  const claim = (code: 'volume-host-path' | 'volume-bind-missing' | 'volume-config-too-large', why: string): BindClaim => {
    const claimName = bindClaimName(ctx, source);
    ctx.reporter.report(code, {
      at,
      message: `${shown} ${why}: it becomes the claim ${claimName}, so its data stays persistent, but it starts empty`,
      value: shown,
      fix: code === 'volume-bind-missing' ? 'nothing, if the container fills it; otherwise copy the data into the claim once (kubectl cp)' : 'copy the data into the claim once (kubectl cp), or bake read-only files into the image',
    });
    return { claimName, mountPath: mount.target, readOnly: mount.readOnly || undefined };
  };
  if (outside) return claim('volume-host-path', `is outside the project${real !== undefined && real !== source ? ` (it resolves to ${real})` : ''}: a pod cannot mount host paths under restricted, and nothing outside the project is read into manifests`);
  const kind = ctx.files.kind(real ?? source);
  if (kind === undefined || real === undefined) return claim('volume-bind-missing', 'does not exist (Compose creates it as an empty directory at `up`)');
  // Files relative to root: the directory itself, or the single file's own directory.
  const root = kind === 'file' ? path.dirname(real) : real;
  const files = kind === 'file' ? [path.basename(real)] : configTree(ctx, real);
  if (relative === '' || files.some((f) => SOURCE_MARKERS.includes(path.basename(f)) || SOURCE_FILE.test(f))) {
    ctx.reporter.report('volume-source-code', {
      at,
      message: `${shown} looks like source code; it is not mounted, the image must contain it`,
      value: shown,
      fix: 'build the code into the image (bind mounts of code belong to development override files)',
    });
    return [];
  }
  if (files.some((f) => SECRET_FILE.test(path.basename(f)))) return [secretFiles(ctx, mount, relative, kind, files, at, unique)];
  const tooBig = files.length > MAX_CONFIG_FILES || files.some((f) => ctx.files.size(path.join(root, f)) > CONFIGMAP_LIMIT_BYTES);
  const size = tooBig ? Infinity : files.reduce((sum, f) => sum + encodedSize(ctx.files.read(path.join(root, f))), 0);
  if (size > CONFIGMAP_LIMIT_BYTES) return claim('volume-config-too-large', `holds ${files.length} file(s), more than one ConfigMap can carry through \`kubectl apply\` (${CONFIGMAP_LIMIT_BYTES / 1024} KiB)`);
  return configFiles(ctx, mount.target, root, kind, files, unique);
}

/** More files than this in one bind-mounted directory is data, not configuration. */
const MAX_CONFIG_FILES = 200;

/** The files of a bind-mounted config directory, relative to it, nested ones included (symlinks are not followed). */
function configTree(ctx: ServiceContext, real: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of ctx.files.list(path.join(real, dir))) {
      const rel = path.join(dir, entry);
      const entryKind = ctx.files.kind(path.join(real, rel));
      if (entryKind === 'directory' && files.length <= MAX_CONFIG_FILES) walk(rel);
      else if (entryKind === 'file') files.push(rel);
    }
  };
  walk('');
  return files;
}

/** A claim name for a bind source: its path as a DNS label, distinct from the project's named volumes. */
function bindClaimName(ctx: ServiceContext, source: string): string {
  const relative = path.relative(ctx.project.workingDir, source);
  const base = dnsLabel(relative.startsWith('..') || path.isAbsolute(relative) ? source : relative) || 'data';
  return ctx.project.volumes[base] ? dnsLabel(`${base}-bind`) : base;
}

function secretFiles(ctx: ServiceContext, mount: VolumeMountSpec, relative: string, kind: 'file' | 'directory', files: readonly string[], at: string, unique: (base: string) => string): VolumeSpec {
  const secretName = dnsLabel(`${ctx.name}-${path.basename(mount.target)}`);
  const keys = files.map((file) => dataKey(file));
  files.forEach((file, i) => ctx.objects.requireSecret(secretName, keys[i] as string, { kind: 'file', path: kind === 'file' ? `./${relative}` : `./${relative}/${file}` }));
  ctx.reporter.report('volume-secret-file', {
    at,
    message: `./${relative} holds key material or credentials: it is mounted from the Secret ${secretName}, which you create; its content is not copied`,
    value: `./${relative}`,
    fix: 'create the Secret with the kubectl command printed at the end',
  });
  const name = unique(`secret-${mount.target}`);
  if (kind === 'file') return { name, mountPath: mount.target, subPath: keys[0], secret: { secretName } };
  const nested = files.some((f) => f.includes('/'));
  return { name, mountPath: mount.target, secret: nested ? { secretName, items: files.map((file, i) => ({ key: keys[i] as string, path: file })) } : { secretName } };
}

function configFiles(ctx: ServiceContext, target: string, root: string, kind: 'file' | 'directory', files: readonly string[], unique: (base: string) => string): VolumeSpec[] {
  const configMap = dnsLabel(`${ctx.name}-${kind === 'file' ? path.basename(target) : target}`);
  const name = unique(`config-${target}`);
  const keys = files.map((file) => dataKey(file));
  files.forEach((file, i) => ctx.objects.addConfigData(configMap, keys[i] as string, ctx.files.read(path.join(root, file)), { file: `./${path.relative(ctx.project.workingDir, path.join(root, file))}` }));
  if (kind === 'file') return [{ name, mountPath: target, subPath: keys[0], configMap: { name: configMap } }];
  // Nested files keep their place in the tree through items[].path; ConfigMap keys are flat.
  const nested = files.some((f) => f.includes('/'));
  return [{ name, mountPath: target, configMap: nested ? { name: configMap, items: files.map((file, i) => ({ key: keys[i] as string, path: file })) } : { name: configMap } }];
}
