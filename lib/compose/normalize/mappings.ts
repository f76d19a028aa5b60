import { PMapEntry, PNode, PScalar, isMap, isScalar, isSeq, pmap, pscalar, pseq } from '../tree';
import { lookupOwn } from '../dotenv';
import { entry, text } from './nodes';
import type { Rule, RuleContext } from './rule';

/**
 * List-or-map keys (`environment`, `labels`, `annotations`, `sysctls`, `build.args`) into compose-go's map form.
 * `KEY=VALUE` splits at the first `=`; a bare `KEY` keeps no value, which `environment` and `build.args` print as
 * null (`environment` then looks it up in the project's env files) and `labels` print as "". Scalar values become
 * strings, as compose-go's mapping types hold strings.
 */
function listOrDict(valueless: PScalar['value']): Rule {
  return (node, ctx) => {
    if (isMap(node)) {
      return pmap(
        node.entries.map((e) => entry(e.key, stringify(e.value, valueless), e.keyPos)),
        node.pos,
        node.tag,
      );
    }
    if (!isSeq(node)) return node;
    const entries = node.items.flatMap((item) => {
      const line = text(item);
      if (line === undefined) return [];
      const eq = line.indexOf('=');
      const key = eq === -1 ? line : line.slice(0, eq);
      if (key === '') {
        report(ctx, item);
        return [];
      }
      return [entry(key, pscalar(eq === -1 ? valueless : line.slice(eq + 1), item.pos), item.pos)];
    });
    return pmap(entries, node.pos, node.tag);
  };
}

function stringify(value: PNode, valueless: PScalar['value']): PNode {
  if (!isScalar(value)) return value;
  if (value.value === null) return pscalar(valueless, value.pos);
  return typeof value.value === 'string' ? value : pscalar(String(value.value), value.pos);
}

function report(ctx: RuleContext, item: PNode): void {
  ctx.report('environment-invalid', `${ctx.path} entry has no key`, item, 'write KEY=VALUE or KEY');
}

/** `build.args`: a bare key stays null (compose-go leaves it to the build, which reads its own environment). */
export const buildArgs = listOrDict(null);

/**
 * Service `environment`: a bare key (`- FOO`, `FOO:`) takes its value from the project's env files, as compose-go's
 * `WithServicesEnvironmentResolved` does, but never from the process environment, which compose-go reads too:
 * the converting machine's variables must not end up in manifests. A key the env files do not define stays null.
 * The value keeps the position of the bare key in the compose file.
 */
export const environment: Rule = (node, ctx) => {
  const mapped = buildArgs(node, ctx);
  if (!isMap(mapped)) return mapped;
  const fill = (e: PMapEntry): PMapEntry => {
    const value = isScalar(e.value) && e.value.value === null ? lookupOwn(ctx.projectEnvironment, e.key) : undefined;
    return value === undefined ? e : { ...e, value: pscalar(value, e.value.pos) };
  };
  return pmap(mapped.entries.map(fill), mapped.pos, mapped.tag);
};

/** `labels`, `annotations`, `sysctls`: a bare key is an empty string. */
export const labels = listOrDict('');

/**
 * `extra_hosts` (list of `host:ip` / `host=ip`, or a map of host to ip or list of ips) into compose-go's printed
 * list of `host=ip`. IPv6 addresses keep their colons: the host is split at the first `=`, else the first `:`.
 */
export const extraHosts: Rule = (node, ctx) => {
  const pairs: { host: string; ip: string; at: PNode }[] = [];
  if (isMap(node)) {
    for (const e of node.entries) {
      const ips = isSeq(e.value) ? e.value.items : [e.value];
      for (const ip of ips) pairs.push({ host: e.key, ip: text(ip) ?? '', at: ip });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const line = text(item) ?? '';
      const sep = line.includes('=') ? line.indexOf('=') : line.indexOf(':');
      if (sep <= 0) {
        ctx.report('extra-host-invalid', `${ctx.path} entry is not host:ip`, item, 'write host=ip');
        continue;
      }
      pairs.push({ host: line.slice(0, sep), ip: unbracket(line.slice(sep + 1)), at: item });
    }
  } else return node;
  return pseq(pairs.map((p) => pscalar(`${p.host}=${p.ip}`, p.at.pos)), node.pos, node.tag);
};

function unbracket(ip: string): string {
  return ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
}

/** `dns`, `dns_search`, `tmpfs`, `label_file`, `env_file` items: a single string becomes a one-item list. */
export const stringOrList: Rule = (node) =>
  isScalar(node) && typeof node.value === 'string' ? pseq([node], node.pos) : node;
