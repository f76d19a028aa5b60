import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeRun, run, toolPath } from '../support/tools';

/**
 * np-guard's network-config-analyzer (NCA) computes which workloads NetworkPolicies let talk to which, on which
 * ports. Its `txt_no_fw_rules` lines read `SRC => DST : CONNECTIONS`, where SRC and DST are `ns/name[Kind]`,
 * an IP range such as `0.0.0.0-255.255.255.255`, or `kube-system/kube-dns-livesim[Pod]`, the DNS server NCA
 * adds when policies name kube-dns pods that the manifests do not contain.
 */
const LINE = /^(\S+) => (\S+) : (.+)$/;
const WORKLOAD = /^([^/]+)\/([^[]+)\[\w+\]$/;
const DNS_POD = 'kube-system/kube-dns-livesim[Pod]';
const FOREIGN = new Set(['outside', 'kube-dns']);

/**
 * One endpoint name in a connection: a workload of the stack by its name, `kube-dns`, or `outside` for every
 * address and pod beyond the stack's namespaces (NCA lists the simulated kube-dns pod as a source separately from
 * the IP ranges, but to the stack it is just one more client from outside).
 */
function endpoint(raw: string, namespaces: ReadonlySet<string>, asSource: boolean): string {
  const workload = WORKLOAD.exec(raw);
  if (workload && namespaces.has(workload[1] ?? '')) {
    return workload[2] ?? raw;
  }
  return raw === DNS_POD && !asSource ? 'kube-dns' : 'outside';
}

/** `{protocols:TCP, UDP,dst_ports:53}` → `TCP,UDP 53`; `All connections` → `all`. */
function connections(raw: string): string {
  const match = /^\{protocols:([^}]*?)(?:,dst_ports:([^}]*))?\}$/.exec(raw);
  if (!match) {
    return raw === 'All connections' ? 'all' : raw;
  }
  const protocols = (match[1] ?? '').replace(/\s+/g, '');
  return match[2] ? `${protocols} ${match[2]}` : protocols;
}

/**
 * The allowed connections that touch the stack's namespaces, as sorted `src -> dst: connections` strings, e.g.
 * `backend -> postgres: TCP 5432`. Connections between two endpoints outside the stack are none of its business.
 */
export async function allowedConnections(dir: string, namespaces: readonly string[]): Promise<string[]> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-nca-')), 'connectivity.txt');
  try {
    const result = await run(toolPath('nca'), ['--connectivity', '-r', dir, '-o', 'txt_no_fw_rules', '-f', out]);
    if (result.code !== 0 || !fs.existsSync(out)) {
      throw new Error(`nca failed:\n${describeRun(result)}`);
    }
    const ours = new Set(namespaces);
    const edges = new Set<string>();
    for (const line of fs.readFileSync(out, 'utf8').split('\n')) {
      const match = LINE.exec(line.trim());
      if (!match) {
        continue;
      }
      const from = endpoint(match[1] ?? '', ours, true);
      const to = endpoint(match[2] ?? '', ours, false);
      if (!FOREIGN.has(from) || !FOREIGN.has(to)) {
        edges.add(`${from} -> ${to}: ${connections(match[3] ?? '')}`);
      }
    }
    return [...edges].sort();
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

/**
 * np-guard's netpol-analyzer (`netpolicy list`, built from ../shared/tools) answers the same question in Go:
 * `SRC => DST : TCP 5432` lines between workloads (`ns/name[Kind]`) and from IP ranges. Returned in the notation of
 * {@link allowedConnections}, without DNS (netpolicy lists only pairs among the manifests' workloads and outside).
 */
export async function netpolicyConnections(dir: string, namespaces: readonly string[]): Promise<string[]> {
  const result = await run(toolPath('netpolicy'), ['list', '--dirpath', dir]);
  if (result.code !== 0) throw new Error(`netpolicy failed:\n${describeRun(result)}`);
  const ours = new Set(namespaces);
  const edges = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const match = LINE.exec(line.trim());
    if (!match) continue;
    const from = endpoint(match[1] ?? '', ours, true);
    const to = endpoint(match[2] ?? '', ours, false);
    if (FOREIGN.has(from) && FOREIGN.has(to)) continue;
    edges.add(`${from} -> ${to}: ${(match[3] ?? '').replace(/^(\w+) (.*)$/, (_all, protocol: string, ports: string) => `${protocol} ${ports.replace(/\s+/g, '')}`)}`);
  }
  return [...edges].sort();
}
