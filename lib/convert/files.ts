import * as path from 'path';
import type { FileReferenceSpec } from '../compose/model';
import type { VolumeSpec } from '../kube/volumes';
import { CONFIGMAP_LIMIT_BYTES, encodedSize } from './bind-mounts';
import { readConfined } from './confine';
import type { ServiceContext } from './context';
import { dataKey, dnsLabel } from './names';

/**
 * Service `secrets` and `configs` -> files mounted where Compose mounts them (`/run/secrets/<name>` and
 * `/<name>` by default), one file each through `subPath`. A secret's content is never read: the Secret is a
 * reference the user creates (the report says from which file or variable). Config content is not secret, so
 * `file:` and `content:` configs become ConfigMaps the stack creates.
 */
export function fileOptions(ctx: ServiceContext): VolumeSpec[] {
  return [
    ...ctx.service.secrets.flatMap((ref, i) => secretMount(ctx, ref, i)),
    ...ctx.service.configs.flatMap((ref, i) => configMount(ctx, ref, i)),
  ];
}

function ownerWarning(ctx: ServiceContext, ref: FileReferenceSpec, at: string): void {
  if (ref.uid !== undefined || ref.gid !== undefined) {
    ctx.reporter.report('secret-owner-ignored', {
      at,
      message: `uid/gid of ${ref.source} are ignored: mounted files belong to root and the pod's fsGroup`,
      fix: 'rely on the fsGroup (and `mode`) to make the file readable',
    });
  }
}

function secretMount(ctx: ServiceContext, ref: FileReferenceSpec, i: number): VolumeSpec[] {
  const at = `secrets.${i}`;
  const declared = ctx.project.secrets[ref.source];
  if (!declared) return []; // the loader reports undefined secrets
  ownerWarning(ctx, ref, at);
  const secretName = dnsLabel(declared.external ? declared.name : ref.source);
  const key = dataKey(ref.source);
  ctx.objects.requireSecret(
    secretName,
    key,
    declared.external
      ? { kind: 'external' }
      : declared.file !== undefined
        ? { kind: 'file', path: `./${path.relative(ctx.project.workingDir, declared.file)}` }
        : { kind: 'literal', variable: declared.environment ?? ref.source },
  );
  return [{ name: dnsLabel(`secret-${ref.source}`), mountPath: secretTarget(ref), subPath: key, secret: { secretName, items: [{ key, path: key, mode: ref.mode }] } }];
}

function configMount(ctx: ServiceContext, ref: FileReferenceSpec, i: number): VolumeSpec[] {
  const at = `configs.${i}`;
  const declared = ctx.project.configs[ref.source];
  if (!declared) return [];
  ownerWarning(ctx, ref, at);
  const configMap = dnsLabel(declared.external ? declared.name : ref.source);
  const key = dataKey(ref.source);
  if (!declared.external) {
    const content = declared.content !== undefined ? Buffer.from(declared.content, 'utf8') : declared.file !== undefined ? readConfined(ctx, declared.file, at, `config ${ref.source}: file`) : undefined;
    if (content !== undefined && encodedSize(content) > CONFIGMAP_LIMIT_BYTES) {
      ctx.reporter.report('volume-config-too-large', { at, message: `config ${ref.source} is larger than one ConfigMap can carry through \`kubectl apply\` (${CONFIGMAP_LIMIT_BYTES / 1024} KiB)`, value: ref.source, fix: 'bake the file into the image' });
      return [];
    }
    if (content !== undefined) ctx.objects.addConfigData(configMap, key, content, { file: declared.content === undefined && declared.file !== undefined ? `./${path.relative(ctx.project.workingDir, declared.file)}` : undefined });
    else if (declared.file !== undefined && ctx.files.realPath(declared.file) !== undefined) return []; // refused above
    else if (declared.file !== undefined) {
      ctx.reporter.report('volume-bind-missing', { at, message: `config file ${declared.file} does not exist`, value: declared.file, fix: 'create the file' });
      return [];
    } else {
      ctx.reporter.report('config-from-environment', {
        at,
        message: `config ${ref.source} takes its content from variable ${declared.environment ?? ''}, which is never read from the converting machine`,
        fix: `create the ConfigMap ${configMap} (key ${key}) yourself before applying`,
      });
    }
  }
  return [{ name: dnsLabel(`config-${ref.source}`), mountPath: configTarget(ref), subPath: key, configMap: { name: configMap, items: [{ key, path: key, mode: ref.mode }] } }];
}

/** Where Compose mounts a service's secret: `/run/secrets/<name>`, a relative target under `/run/secrets`. */
export function secretTarget(ref: FileReferenceSpec): string {
  return ref.target === undefined ? `/run/secrets/${ref.source}` : path.posix.resolve('/run/secrets', ref.target);
}

/** Where Compose mounts a service's config: a relative target (and the default `/<name>`) under the root. */
export function configTarget(ref: FileReferenceSpec): string {
  return path.posix.resolve('/', ref.target ?? ref.source);
}
