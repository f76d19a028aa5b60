import type { ServiceSpec } from '../compose/model';
import type { RolePort } from '../services/role';
import type { DnsConfig, HostAlias } from '../services/workload-options';
import type { ServiceContext } from './context';
import { knownImagePorts } from './known-images';
import type { InferredPorts } from './port-inference';
import { UNPRIVILEGED_PORT_START } from './security';

/** IANA-style names for well-known container ports (NetworkPolicies and probes refer to ports by name). */
const PORT_NAMES: Readonly<Record<number, string>> = {
  80: 'http', 443: 'https', 8080: 'http', 8443: 'https', 8000: 'http', 3000: 'http', 5000: 'http',
  5432: 'postgres', 6379: 'redis', 3306: 'mysql', 27017: 'mongodb', 5672: 'amqp', 11211: 'memcached', 9200: 'elasticsearch',
  25: 'smtp', 1025: 'smtp', 9090: 'metrics', 4317: 'otlp-grpc', 4318: 'otlp-http',
};
const IANA_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;
const PROTOCOLS: Readonly<Record<string, RolePort['protocol']>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

/** Roles that bring their own ports. */
const OWN_PORT_ROLES = new Set(['proxy', 'postgres', 'redis']);

/** One container port with the Compose facts the converter reports on. */
interface PortFact {
  readonly target: number;
  readonly protocol: RolePort['protocol'];
  readonly name?: string;
  readonly at: string;
}

/** The `at` of a port read from elsewhere (lib/convert/port-inference.ts); reported at the service itself. */
const INFERRED = '';

/** The longest `expose` range converted: each port becomes a named container and Service port. */
export const MAX_PORT_RANGE = 100;

/** A port entry Kubernetes cannot take, with why. */
interface PortProblem {
  readonly at: string;
  readonly value: string;
  readonly why: string;
}

/**
 * Container ports from `ports` and `expose`, unique by port and protocol, in file order; a known server image
 * that declares none gets its well-known ports (at the `image` key, see lib/convert/known-images.ts). Entries
 * Kubernetes cannot take (port 0 or above 65535, a fraction, a protocol other than TCP/UDP/SCTP, a range longer
 * than {@link MAX_PORT_RANGE}) are left out here and reported by {@link portOptions}.
 */
export function containerPorts(service: ServiceSpec, image: string | undefined, inferred?: InferredPorts): PortFact[] {
  return portFacts(service, image, inferred).facts;
}

function portFacts(service: ServiceSpec, image: string | undefined, inferred: InferredPorts | undefined): { facts: PortFact[]; problems: PortProblem[] } {
  const facts: PortFact[] = [];
  const problems: PortProblem[] = [];
  const known = service.ports.length + service.expose.length === 0 ? knownImagePorts(image) : undefined;
  known?.ports.forEach((target) => facts.push({ target, protocol: 'TCP', at: 'image' }));
  if (!known) inferred?.ports.forEach((target) => facts.push({ target, protocol: 'TCP', at: INFERRED }));
  service.ports.forEach((p, i) => {
    const protocol = PROTOCOLS[p.protocol.toLowerCase()];
    if (!validPort(p.target)) problems.push({ at: `ports.${i}`, value: String(p.target), why: 'is not a port number from 1 to 65535' });
    else if (!protocol) problems.push({ at: `ports.${i}`, value: p.protocol, why: 'is not a protocol Kubernetes supports (TCP, UDP, SCTP)' });
    else facts.push({ target: p.target, protocol, name: p.name, at: `ports.${i}` });
  });
  service.expose.forEach((text, i) => {
    const at = `expose.${i}`;
    const match = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/([a-z]+))?$/i.exec(text.trim());
    const first = Number(match?.[1]);
    const last = match?.[2] === undefined ? first : Number(match[2]);
    const protocol = PROTOCOLS[(match?.[3] ?? 'tcp').toLowerCase()];
    if (!match || !validPort(first) || !validPort(last) || last < first) problems.push({ at, value: text, why: 'is not a port or port range from 1 to 65535' });
    else if (!protocol) problems.push({ at, value: text, why: 'names a protocol Kubernetes does not support (TCP, UDP, SCTP)' });
    else if (last - first + 1 > MAX_PORT_RANGE) problems.push({ at, value: text, why: `spans ${last - first + 1} ports; each becomes a named container and Service port, so at most ${MAX_PORT_RANGE} are converted` });
    else for (let port = first; port <= last; port++) facts.push({ target: port, protocol, at });
  });
  return { facts: facts.filter((f, i) => facts.findIndex((g) => g.target === f.target && g.protocol === f.protocol) === i), problems };
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/**
 * Ports -> named container ports. Only the proxy is reachable from outside, so a published port of any other
 * service is reported, and host bindings (`host_ip`, `mode: host`) become nothing. Ports below 1024 would need
 * root or NET_BIND_SERVICE, which restricted pods do not get; they are kept with a warning, and
 * {@link sysctlOptions} lowers the pod's unprivileged port range to them.
 */
export function portOptions(ctx: ServiceContext): RolePort[] {
  const { service, reporter } = ctx;
  service.ports.forEach((p, i) => {
    if (p.hostIp !== undefined || p.mode === 'host') {
      reporter.report('port-host-binding-ignored', { at: `ports.${i}`, message: `host_ip/mode host of port ${p.target} are ignored: hostPort is forbidden by Pod Security baseline`, fix: 'remove host_ip and mode' });
    }
  });
  const published = service.ports.findIndex((p) => p.published !== undefined);
  if (published >= 0 && ctx.role !== 'proxy' && ctx.role !== 'edge-proxy') {
    reporter.report('port-not-exposed', {
      at: `ports.${published}`,
      message: ctx.stackHasEntry
        ? 'published ports stay inside the cluster: only the proxy is exposed'
        : 'published ports stay inside the cluster, and this stack has no reverse proxy, so nothing is reachable from outside',
      fix: ctx.stackHasEntry ? 'reach it through the proxy, or `kubectl port-forward` for debugging' : 'put a reverse proxy (nginx, Caddy, Traefik) in front of it in Compose, or use `kubectl port-forward`',
    });
  }
  const used = new Set<string>();
  const { facts, problems } = portFacts(service, ctx.image, ctx.inferredPorts);
  if (ctx.inferredPorts && facts.some((f) => f.at === INFERRED) && !OWN_PORT_ROLES.has(ctx.role)) {
    reporter.report('port-inferred', {
      message: `declares no port; it listens on ${ctx.inferredPorts.ports.join(', ')}, as ${ctx.inferredPorts.source} says, so it gets a Service there`,
      value: ctx.inferredPorts.ports.join(','),
      fix: 'declare `expose:` if the service listens elsewhere',
    });
  }
  for (const problem of problems) {
    reporter.report('port-invalid', { at: problem.at, message: `${problem.value} ${problem.why}`, value: problem.value, fix: 'write a port from 1 to 65535, with /tcp, /udp or /sctp' });
  }
  const known = facts.filter((f) => f.at === 'image');
  // The proxy and the database roles listen on their own ports, whatever the image's defaults.
  if (known.length && !OWN_PORT_ROLES.has(ctx.role)) {
    reporter.report('port-from-image', {
      at: 'image',
      message: `declares no port, so it gets the well-known ports of its image: ${knownImagePorts(ctx.image)?.source}`,
      value: known.map((f) => f.target).join(','),
      fix: 'declare `expose:` if the service listens elsewhere',
    });
  }
  return facts.flatMap((fact) => {
    // The proxy role listens on its own unprivileged port; the Compose proxy's privileged ports are not used.
    if (fact.target < 1024 && ctx.role === 'proxy') return [];
    if (fact.target < 1024) {
      reporter.report('port-privileged-sysctl', {
        at: fact.at,
        message: `container port ${fact.target} is below 1024: the pod sets the safe sysctl ${UNPRIVILEGED_PORT_START} so a non-root process may bind it`,
        value: String(fact.target),
        fix: 'configure the image to listen on a port >= 1024 (e.g. nginxinc/nginx-unprivileged listens on 8080) to drop the sysctl',
      });
    }
    return [{ name: portName(fact, used), port: fact.target, protocol: fact.protocol }];
  });
}

function portName(fact: PortFact, used: Set<string>): string {
  const candidates = [fact.name, PORT_NAMES[fact.target], `${(fact.protocol ?? 'TCP').toLowerCase()}-${fact.target}`];
  const name = candidates.find((c): c is string => c !== undefined && IANA_NAME.test(c) && !used.has(c)) ?? `p-${fact.target}`;
  used.add(name);
  return name;
}

/** `extra_hosts` -> hostAliases; `dns_search`/`dns_opt` -> dnsConfig; replacing nameservers is refused. */
export function resolverOptions(ctx: ServiceContext): { hostAliases?: HostAlias[]; dnsConfig?: DnsConfig } {
  const { service, reporter } = ctx;
  const byIp = new Map<string, string[]>();
  for (const h of service.extraHosts) byIp.set(h.ip, [...(byIp.get(h.ip) ?? []), h.host]);
  if (service.dns.length) {
    reporter.report('dns-nameservers-ignored', {
      at: 'dns',
      message: 'custom nameservers would replace cluster DNS and break Service names',
      fix: 'configure upstream resolvers in the cluster DNS (CoreDNS forward) instead',
    });
  }
  // `dns_search: ""` clears Docker's search domains; a pod keeps the cluster's (Service names need them), and an
  // empty search domain is invalid in Kubernetes.
  const searches = service.dnsSearch.filter((domain) => domain !== '');
  if (searches.length < service.dnsSearch.length) {
    reporter.report('ignored-key', { at: 'dns_search', message: 'an empty dns_search domain is dropped: the pod keeps the cluster search domains that Service names need', value: '' });
  }
  const options = service.dnsOpt.map((o) => {
    const [name = '', value] = o.split(':');
    return value === undefined ? { name } : { name, value };
  });
  return {
    hostAliases: byIp.size ? [...byIp].map(([ip, hostnames]) => ({ ip, hostnames })) : undefined,
    dnsConfig: searches.length || options.length ? { searches: searches.length ? searches : undefined, options: options.length ? options : undefined } : undefined,
  };
}

/** Network settings that have no Kubernetes equivalent: aliases, fixed addresses, external peers, host mode. */
export function checkNetworking(ctx: ServiceContext): void {
  const { service, reporter } = ctx;
  for (const [network, spec] of Object.entries(service.networks)) {
    if (spec.aliases.length || spec.ipv4Address || spec.ipv6Address) {
      reporter.report('network-alias-ignored', {
        at: `networks.${network}`,
        message: `aliases and fixed addresses on network ${network} are ignored: peers reach the service by its name`,
        fix: 'use the service name as host name',
      });
    }
    if (ctx.project.networks[network]?.external) {
      reporter.report('network-external', { at: `networks.${network}`, message: `external network ${network} has no equivalent; its peers are outside the stack`, fix: 'allow the peer with an extra NetworkPolicy egress rule in TypeScript' });
    }
  }
  if (service.externalLinks.length) {
    reporter.report('network-external', { at: 'external_links', message: 'external_links point outside the stack, which default-deny blocks', fix: 'allow the peer with an extra NetworkPolicy egress rule in TypeScript' });
  }
  service.links.forEach((link, i) => {
    if (link.includes(':')) reporter.report('network-alias-ignored', { at: `links.${i}`, message: `link alias in ${link} is ignored: peers reach the service by its name`, value: link });
  });
  const mode = service.networkMode;
  if (mode === 'host') {
    reporter.report('host-namespace-forbidden', { at: 'network_mode', message: "network_mode: host shares the node's network, which Pod Security baseline forbids", value: mode, fix: 'remove network_mode; publish the ports through the proxy' });
  } else if (mode?.startsWith('service:') || mode?.startsWith('container:')) {
    reporter.report('network-mode-sidecar', {
      at: 'network_mode',
      message: `${mode} is not merged into that service's pod: ${service.name} gets its own pod and reaches it over the network`,
      value: mode,
      fix: 'add the container to the other role in TypeScript if it must share localhost',
    });
  }
}
