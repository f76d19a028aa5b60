import * as path from 'path';
import { PMap, PMapEntry, PNode, isMap, isScalar, pmap, pscalar } from '../tree';
import { entry, scalarEntry, text } from './nodes';
import type { Rule, RuleContext } from './rule';

/**
 * `services.*.volumes.*`: short syntax `[source:]target[:options]` into compose-go's long form, the way
 * compose-go's `format.ParseVolume` reads it: a source starting with `.`, `/` or `~` is a bind mount, any other
 * source a named volume, no source an anonymous volume; options `ro`/`rw`, `nocopy`, propagation and SELinux
 * flags. Bind sources resolve against the project directory in both syntaxes. (compose-go v2.16 prints no
 * `create_host_path` for short syntax, though Docker creates a missing host path for it.)
 */
export const volumeMount: Rule = (node, ctx) => {
  if (isMap(node)) return resolveLongForm(node, ctx);
  const spec = text(node);
  if (spec === undefined) return node;
  const parsed = parseShortVolume(spec);
  if (!parsed) {
    ctx.report('volume-invalid', `${ctx.path} is not a volume`, node, 'write [source:]target[:ro|rw]');
    return node;
  }
  const pos = node.pos;
  const bind = isHostPath(parsed.source);
  // compose-go records propagation and SELinux flags under `bind` whatever the type (`vol:/data:Z` included).
  const bindOptions = [
    ...(parsed.propagation ? [scalarEntry('propagation', parsed.propagation, pos)] : []),
    ...(parsed.selinux ? [scalarEntry('selinux', parsed.selinux, pos)] : []),
  ];
  const options: PMapEntry[] = bind
    ? [entry('bind', pmap(bindOptions, pos))]
    : [entry('volume', pmap(parsed.nocopy ? [scalarEntry('nocopy', true, pos)] : [], pos)), ...(bindOptions.length ? [entry('bind', pmap(bindOptions, pos))] : [])];
  return pmap(
    [
      scalarEntry('type', bind ? 'bind' : 'volume', pos),
      ...(parsed.source ? [scalarEntry('source', bind ? resolveHostPath(parsed.source, ctx) : parsed.source, pos)] : []),
      scalarEntry('target', cleanContainerPath(parsed.target), pos),
      ...(parsed.readOnly ? [scalarEntry('read_only', true, pos)] : []),
      ...options,
    ],
    pos,
  );
};

/** Short volume syntax, parsed. */
export interface ShortVolume {
  readonly source?: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly nocopy: boolean;
  readonly propagation?: string;
  readonly selinux?: string;
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);
const SELINUX = new Set(['z', 'Z']);

/** Parses `[source:]target[:options]`, keeping a Windows drive letter (`C:\data`) inside its part. */
export function parseShortVolume(spec: string): ShortVolume | undefined {
  if (spec === '') return undefined;
  const parts = splitVolume(spec);
  if (parts.some((p) => p === '') || parts.length > 3) return undefined;
  if (parts.length === 1) return { target: parts[0] as string, readOnly: false, nocopy: false };
  const [source, target, optionText = ''] = parts as [string, string, string?];
  let readOnly = false;
  let nocopy = false;
  let propagation: string | undefined;
  let selinux: string | undefined;
  // Unknown options are ignored, as compose-go does.
  for (const option of optionText.split(',')) {
    if (option === 'ro') readOnly = true;
    else if (option === 'rw') readOnly = false;
    else if (option === 'nocopy') nocopy = true;
    else if (PROPAGATIONS.has(option)) propagation = option;
    else if (SELINUX.has(option)) selinux = option;
  }
  return { source, target, readOnly, nocopy, propagation, selinux };
}

function splitVolume(spec: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const char of spec) {
    const driveLetter = char === ':' && current.length === 1 && /[a-z]/i.test(current);
    if (char === ':' && !driveLetter) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** compose-go's `isFilePath`: relative, absolute and home paths, Windows drives and named pipes. */
function isHostPath(source: string | undefined): boolean {
  if (!source) return false;
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^[a-z]:/i.test(source);
}

/** Relative and `~` paths to absolute ones; absolute and Windows paths untouched. */
export function resolveHostPath(source: string, ctx: Pick<RuleContext, 'workingDir' | 'homeDir'>): string {
  if (source === '~' || source.startsWith('~/')) return path.join(ctx.homeDir, source.slice(1));
  if (path.isAbsolute(source) || /^[a-z]:/i.test(source) || source.startsWith('\\\\')) return source;
  return path.resolve(ctx.workingDir, source);
}

function resolveLongForm(map: PMap, ctx: RuleContext): PNode {
  if (text(map.entries.find((e) => e.key === 'type')?.value) !== 'bind') return map;
  return pmap(
    map.entries.map((e) => {
      const source = e.key === 'source' ? text(e.value) : undefined;
      return source !== undefined && isScalar(e.value)
        ? entry(e.key, pscalar(resolveHostPath(source, ctx), e.value.pos), e.keyPos)
        : e;
    }),
    map.pos,
    map.tag,
  );
}

/**
 * `services.*.volumes.*.target`: container paths are cleaned like Go's `path.Clean`, as compose-go does
 * (`/var/www/html/` → `/var/www/html`).
 */
export const containerPath: Rule = (node) => {
  const target = text(node);
  return target === undefined || !isScalar(node) ? node : pscalar(cleanContainerPath(target), node.pos);
};

function cleanContainerPath(target: string): string {
  const clean = path.posix.normalize(target);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}
