import type { ServiceSpec } from '../compose/model';
import type { ServiceContext } from './context';
import type { Peer } from './role-spec';

/**
 * The roles a service may connect to: its `depends_on` and `links` targets that share a network with it and
 * accept connections. A dependency it only waits for (`service_completed_successfully`) needs no edge.
 */
export function dependencies(ctx: ServiceContext, peers: ReadonlyMap<string, Peer>, variables: ReadonlyMap<string, string | null>): Peer[] {
  const { service, project, reporter } = ctx;
  const targets = new Map<string, string>();
  for (const [name, dep] of Object.entries(service.dependsOn)) if (dep.condition !== 'service_completed_successfully') targets.set(name, `depends_on.${name}`);
  service.links.forEach((link, i) => targets.set(link.split(':')[0] as string, `links.${i}`));
  const result: Peer[] = [];
  for (const [name, at] of targets) {
    const peer = peers.get(name);
    const other = project.services.find((s) => s.name === name);
    if (!peer || !other) {
      reporter.report('depends-on-optional-missing', { at, message: `optional dependency ${name} is not in the project`, value: name });
    } else if (!sharesNetwork(service, other)) {
      reporter.report('no-shared-network', { at, message: `${name} shares no network with ${service.name}, so no traffic is allowed between them`, value: name, fix: 'put both services on a common network' });
    } else if (!peer.hasPorts) {
      if (peer.role !== 'task') {
        reporter.report('service-without-port', {
          at,
          message: `${name} has no port, so ${service.name} has nothing to connect to`,
          value: name,
          fix: `add \`expose: [<port>]\` to ${name}`,
        });
      }
    } else {
      result.push(peer);
    }
  }
  reportMissingEdges(ctx, peers, variables, new Set(targets.keys()));
  return result;
}

/**
 * Compose lets every service reach every other on a shared network; the stack allows only declared edges. A
 * variable that names another service as a host (`redis://cache:6379`, `DB_HOST: db`) without a depends_on or
 * links entry would be blocked by the NetworkPolicies, so it is reported.
 */
function reportMissingEdges(ctx: ServiceContext, peers: ReadonlyMap<string, Peer>, variables: ReadonlyMap<string, string | null>, declared: ReadonlySet<string>): void {
  for (const [other, peer] of peers) {
    if (other === ctx.service.name || declared.has(other) || !peer.hasPorts) continue;
    const host = new RegExp(`(^|[/@=,\\s])${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[:/,\\s])`);
    const key = [...variables].find(([, value]) => value !== null && host.test(value))?.[0];
    if (key !== undefined) {
      ctx.reporter.report('missing-edge', {
        at: `environment.${key}`,
        message: `${key} names service ${other}, but no depends_on or links entry allows ${ctx.service.name} to connect to it`,
        value: other,
        fix: `add ${other} to depends_on of ${ctx.service.name}`,
      });
    }
  }
}

function sharesNetwork(a: ServiceSpec, b: ServiceSpec): boolean {
  const via = (s: ServiceSpec): string | undefined => (s.networkMode?.startsWith('service:') ? s.networkMode.slice('service:'.length) : undefined);
  if (via(a) === b.name || via(b) === a.name) return true;
  if (a.networkMode === 'none' || b.networkMode === 'none') return false;
  return Object.keys(a.networks).some((n) => n in b.networks);
}

