import type { ServiceSpec } from '../compose/model';
import type { Peer, ServiceContext } from './context';

/**
 * The roles a service may connect to: its `depends_on` and `links` targets that share a network with it and
 * accept connections, and every other service its variables or command name as a host (Compose lets every
 * service on a shared network connect, and apps rely on it: `DB_HOST=db` in an env file, `redis://cache:6379`).
 * A dependency it only waits for (`service_completed_successfully`) needs no edge; one without a known port is
 * start order only (workers are often depended on for that alone), reported as a warning.
 */
export function dependencies(ctx: ServiceContext, peers: ReadonlyMap<string, Peer>, variables: ReadonlyMap<string, string | null>): Peer[] {
  const { service, project, reporter } = ctx;
  const targets = new Map<string, string>();
  for (const [name, dep] of Object.entries(service.dependsOn)) {
    if (dep.condition !== 'service_completed_successfully') targets.set(name, `depends_on.${name}`);
    if (dep.condition === 'service_healthy') {
      reporter.report('ignored-key', {
        at: `depends_on.${name}`,
        message: `condition service_healthy orders nothing in Kubernetes: pods start together, and ${name}'s readiness probe gates its traffic`,
        value: name,
      });
    }
    if (dep.restart) {
      reporter.report('ignored-key', {
        at: `depends_on.${name}`,
        message: `restart: true (restart ${service.name} when ${name} restarts) has no equivalent; readiness probes stop traffic while ${name} is down`,
        value: name,
      });
    }
  }
  service.links.forEach((link, i) => targets.set(link.split(':')[0] as string, `links.${i}`));
  const result: Peer[] = [];
  for (const [name, at] of targets) {
    const peer = peers.get(name);
    const other = servicesByName(project.services).get(name);
    if (!peer || !other) {
      reporter.report('depends-on-optional-missing', { at, message: `optional dependency ${name} is not in the project`, value: name });
    } else if (!sharesNetwork(service, other)) {
      reporter.report('no-shared-network', { at, message: `${name} shares no network with ${service.name}, so no traffic is allowed between them`, value: name, fix: 'put both services on a common network' });
    } else if (!peer.hasPorts) {
      if (peer.role !== 'task') {
        reporter.report('service-without-port', {
          at,
          message: `${name} declares no port and none could be inferred, so this dependency is start order only: ${name} gets no Service and ${service.name} no connection to it`,
          value: name,
          fix: `if ${service.name} connects to ${name}, add \`expose: [<port>]\` to ${name}`,
        });
      }
    } else {
      result.push(peer);
    }
  }
  result.push(...edgesFromNames(ctx, peers, variables, new Set(targets.keys())));
  return result;
}

/**
 * Services the variables or the command name as a host without a depends_on or links entry: each becomes an edge,
 * since the NetworkPolicies would otherwise block a connection Compose allowed (info, at the variable).
 */
function edgesFromNames(ctx: ServiceContext, peers: ReadonlyMap<string, Peer>, variables: ReadonlyMap<string, string | null>, declared: ReadonlySet<string>): Peer[] {
  const command = [...(ctx.service.entrypoint ?? []), ...(ctx.service.command ?? [])];
  const hosts = hostsNamed(new Map([...variables, ...command.map((word, i) => [`${COMMAND_KEY}${i}`, word] as const)]));
  const order = peerOrder(peers);
  const named = [...hosts.keys()]
    .filter((other) => other !== ctx.service.name && !declared.has(other) && peers.has(other) && sharesNetwork(ctx.service, servicesByName(ctx.project.services).get(other) as ServiceSpec))
    .sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  return named.flatMap((other) => {
    const key = hosts.get(other) as string;
    const at = key.startsWith(COMMAND_KEY) ? (ctx.service.entrypoint ? 'entrypoint' : 'command') : `environment.${key}`;
    const peer = peers.get(other) as Peer;
    if (!peer.hasPorts) {
      ctx.reporter.report('service-without-port', {
        at,
        message: `${key.startsWith(COMMAND_KEY) ? 'the command' : key} names service ${other}, which declares no port and none could be inferred, so no connection to it is allowed`,
        value: other,
        fix: `add \`expose: [<port>]\` to ${other}`,
      });
      return [];
    }
    ctx.reporter.report('edge-from-name', {
      at,
      message: `${key.startsWith(COMMAND_KEY) ? 'the command' : key} names service ${other}, so ${ctx.service.name} may connect to it (as on Compose's shared network)`,
      value: other,
    });
    return [peer];
  });
}

/** Pseudo-variable names under which command words are scanned for host names (never a real variable name). */
const COMMAND_KEY = ' command ';

/**
 * A run of characters that cannot border a host name. Service names (`[a-zA-Z0-9._-]+`) contain none of these
 * delimiters, so a service is named as a host exactly when one whole run equals its name and the run is preceded
 * by the start or one of `/@=,` or a space, and followed by the end or one of `:/,` or a space.
 */
const RUN = /[^/@=,:\s]+/g;
const BEFORE_HOST = /[/@=,\s]/;
const AFTER_HOST = /[:/,\s]/;
/** Variables whose whole value is a host name. */
const HOST_VARIABLE = /HOST|ADDR|SERVER|URL|URI|ENDPOINT|BROKER|UPSTREAM|PEER/i;

/**
 * Every word the variables use as a host -> the first variable (in order) that does. Tokenizing each value once,
 * instead of testing one pattern per service against every value, keeps this linear in the project's size
 * (issue 5: 1000 services spent 0.8 s here).
 */
function hostsNamed(variables: ReadonlyMap<string, string | null>): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const [key, value] of variables) {
    if (value === null) continue;
    for (const run of value.matchAll(RUN)) {
      const before = value[run.index - 1];
      const after = value[run.index + run[0].length];
      const bordered = (before === undefined || BEFORE_HOST.test(before)) && (after === undefined || AFTER_HOST.test(after));
      // A bare word is a host only in a host-like variable: `DB_HOST: db`, not `POSTGRES_USER: gitea`.
      const bare = run[0].length === value.length;
      if (bordered && (!bare || HOST_VARIABLE.test(key)) && !hosts.has(run[0])) hosts.set(run[0], key);
    }
  }
  return hosts;
}

const peerOrders = new WeakMap<ReadonlyMap<string, Peer>, ReadonlyMap<string, number>>();

/** Each peer's position in `peers`, so reports keep the project's service order; computed once per project. */
function peerOrder(peers: ReadonlyMap<string, Peer>): ReadonlyMap<string, number> {
  let order = peerOrders.get(peers);
  if (order === undefined) {
    order = new Map([...peers.keys()].map((name, i) => [name, i]));
    peerOrders.set(peers, order);
  }
  return order;
}

const serviceIndexes = new WeakMap<readonly ServiceSpec[], ReadonlyMap<string, ServiceSpec>>();

/** The project's services by name, built once per project rather than searched once per dependency. */
function servicesByName(services: readonly ServiceSpec[]): ReadonlyMap<string, ServiceSpec> {
  let index = serviceIndexes.get(services);
  if (index === undefined) {
    index = new Map(services.map((s) => [s.name, s]));
    serviceIndexes.set(services, index);
  }
  return index;
}

function sharesNetwork(a: ServiceSpec, b: ServiceSpec): boolean {
  const via = (s: ServiceSpec): string | undefined => (s.networkMode?.startsWith('service:') ? s.networkMode.slice('service:'.length) : undefined);
  if (via(a) === b.name || via(b) === a.name) return true;
  if (a.networkMode === 'none' || b.networkMode === 'none') return false;
  return Object.keys(a.networks).some((n) => n in b.networks);
}

