import { PMap, PNode, isMap, isScalar, isSeq, pmap, pscalar, pseq } from '../tree';
import { entry, scalarEntry, text, withDefault } from './nodes';
import type { Rule, RuleContext } from './rule';

/**
 * `services.*.ports`: short syntax (`"8080:80"`, `"127.0.0.1:5432:5432/udp"`, `"[::1]:80:80"`, `"3000-3002"`,
 * `80`) into compose-go's long form `{mode, host_ip, target, published, protocol}`. As in compose-go (docker's
 * `nat.ParsePortSpecs`), a target range expands into one entry per port, a published range with one target
 * stays one entry, `published` is a string and `mode` defaults to `ingress`, `protocol` to `tcp`.
 */
export const ports: Rule = (node, ctx) => {
  if (!isSeq(node)) return node;
  return pseq(node.items.flatMap((item) => portEntries(item, ctx)), node.pos, node.tag);
};

function portEntries(item: PNode, ctx: RuleContext): PNode[] {
  if (isMap(item)) return [longForm(item)];
  if (!isScalar(item) || item.value === null || typeof item.value === 'boolean') return [item];
  const textValue = String(item.value);
  if (targetRangeLength(textValue) > MAX_EXPANDED_PORTS) {
    ctx.report('port-range-too-large', `${ctx.path} entry ${textValue} expands to more than ${MAX_EXPANDED_PORTS} ports`, item, `publish at most ${MAX_EXPANDED_PORTS} ports per entry`);
    return [item];
  }
  const spec = parseShortPort(textValue);
  if (!spec) {
    ctx.report('port-invalid', `${ctx.path} entry is not a port`, item, 'write [[ip:]published:]target[/protocol]');
    return [item];
  }
  return spec.map((p) =>
    pmap(
      [
        scalarEntry('mode', 'ingress', item.pos),
        ...(p.hostIp ? [scalarEntry('host_ip', p.hostIp, item.pos)] : []),
        scalarEntry('target', p.target, item.pos),
        ...(p.published ? [scalarEntry('published', p.published, item.pos)] : []),
        scalarEntry('protocol', p.protocol, item.pos),
      ],
      item.pos,
    ),
  );
}

/** Long syntax keeps what the author wrote, with compose-go's defaults and `published` as a string. */
function longForm(map: PMap): PNode {
  const withDefaults = withDefault(withDefault(map, 'mode', 'ingress'), 'protocol', 'tcp');
  return pmap(
    withDefaults.entries.map((e) =>
      e.key === 'published' && isScalar(e.value) && typeof e.value.value === 'number'
        ? entry(e.key, pscalar(String(e.value.value), e.value.pos), e.keyPos)
        : e,
    ),
    map.pos,
    map.tag,
  );
}

/** One parsed short-syntax port binding. */
export interface ShortPort {
  readonly hostIp?: string;
  readonly published?: string;
  readonly target: number;
  readonly protocol: string;
}

const RANGE = /^(\d+)(?:-(\d+))?$/;

/**
 * The most ports one short-syntax entry may expand to. compose-go expands any range, but `1-65535` would become
 * 65535 entries (and as many Service ports): far beyond a web stack, and minutes of work.
 */
export const MAX_EXPANDED_PORTS = 1024;

/** How many ports the target of a short-syntax entry spans (1 for a single port, 0 when it is no range). */
function targetRangeLength(spec: string): number {
  const target = spec.trim().split('/')[0]?.split(':').pop() ?? '';
  const match = RANGE.exec(target);
  return match?.[2] === undefined ? 1 : Number(match[2]) - Number(match[1]) + 1;
}

/** Parses short port syntax; undefined when it is malformed (bad numbers, mismatched ranges, empty target). */
export function parseShortPort(spec: string): ShortPort[] | undefined {
  const [address, protocol = 'tcp', ...extra] = spec.trim().split('/');
  if (extra.length > 0 || address === undefined || protocol === '') return undefined;
  const parts = address.split(':');
  const targetText = parts[parts.length - 1] as string;
  const publishedText = parts.length >= 2 ? (parts[parts.length - 2] as string) : '';
  const hostIp = parts.length >= 3 ? unbracket(parts.slice(0, -2).join(':')) : undefined;
  const targets = range(targetText);
  if (!targets) return undefined;
  if (publishedText === '') return expand(targets).map((target) => ({ hostIp, target, protocol }));
  const published = range(publishedText);
  if (!published) return undefined;
  const publishedCount = published[1] - published[0] + 1;
  const targetCount = targets[1] - targets[0] + 1;
  if (targetCount === 1) return [{ hostIp, published: publishedText, target: targets[0], protocol }];
  if (publishedCount !== targetCount) return undefined;
  return expand(targets).map((target, i) => ({ hostIp, published: String(published[0] + i), target, protocol }));
}

function range(textValue: string): [number, number] | undefined {
  const match = RANGE.exec(textValue);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return end >= start && end <= 65535 ? [start, end] : undefined;
}

function expand([start, end]: [number, number]): number[] {
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

function unbracket(ip: string): string | undefined {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  return bare === '' ? undefined : bare;
}

/** `services.*.expose`: numbers become strings, as compose-go's `StringOrNumberList` prints them. */
export const expose: Rule = (node) => {
  if (!isSeq(node)) return node;
  return pseq(
    node.items.map((item) => (isScalar(item) && typeof item.value === 'number' ? pscalar(text(item) ?? '', item.pos) : item)),
    node.pos,
    node.tag,
  );
};
