import * as path from 'path';
import type { ComposeProject, ServiceSpec } from '../compose/model';
import { parseDotenv } from '../compose/dotenv';

/** Ports a service listens on that Compose never declares, and where that was read. */
export interface InferredPorts {
  readonly ports: readonly number[];
  /** Where the port was found, for the info diagnostic (`the healthcheck URL`, `nginx.conf of proxy`). */
  readonly source: string;
}

/**
 * A service without `ports` or `expose` still listens somewhere, and its dependents connect there; Compose needs
 * no declaration for that, Kubernetes needs a Service. The port is read, in this order, from:
 *
 * 1. the service's healthcheck (`curl -f http://localhost:8000/health`, `nc -z localhost 5672`);
 * 2. its command line (`--port 8000`, `-b 0.0.0.0:8000`, `runserver 0.0.0.0:8000`, uwsgi `--http :8000`);
 * 3. a Traefik label on it (`traefik.http.services.x.loadbalancer.server.port=8000`);
 * 4. what the other services say about it: `svc:N` or a URL with it as host (a scheme's default port when the
 *    URL names none) in their environment, env files, commands, labels and the config files they mount (nginx
 *    `proxy_pass`/`upstream server`, Caddy `reverse_proxy`).
 *
 * Known images are handled before this (lib/convert/known-images.ts). Nothing found means no Service: a
 * dependency on it is then start order only (reported where it is used).
 */
export function inferPorts(project: ComposeProject, read: (file: string) => string | undefined): Map<string, InferredPorts> {
  const names = new Set(project.services.map((s) => s.name));
  const mentioned = mentionedPorts(project, names, read);
  const inferred = new Map<string, InferredPorts>();
  for (const service of project.services) {
    if (service.ports.length + service.expose.length > 0) continue;
    const found = fromHealthcheck(service) ?? fromCommand(service) ?? fromTraefikLabel(service) ?? mentioned.get(service.name);
    if (found) inferred.set(service.name, found);
  }
  return inferred;
}

const LOCAL_HOST = String.raw`(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1?\])`;

function fromHealthcheck(service: ServiceSpec): InferredPorts | undefined {
  const test = service.healthcheck?.test;
  if (!test || test.kind === 'none') return undefined;
  const text = test.kind === 'shell' ? test.command : test.argv.join(' ');
  const url = new RegExp(`https?://${LOCAL_HOST}:(\\d{1,5})`).exec(text)?.[1];
  const nc = new RegExp(`\\bnc\\b[^|;&]*?\\s-z?\\w*\\s+${LOCAL_HOST}\\s+(\\d{1,5})`).exec(text)?.[1] ?? /\bnc\s+-z\s+\S+\s+(\d{1,5})/.exec(text)?.[1];
  const port = url ?? nc;
  return port ? single(port, 'its healthcheck') : undefined;
}

/** Command-line flags servers take for the port they listen on. */
const COMMAND_FLAGS: readonly RegExp[] = [
  /(?:^|\s)--port[=\s](\d{1,5})\b/,
  /(?:^|\s)(?:-b|--bind)[=\s](?:\S*:)?(\d{1,5})\b/,
  /\brunserver\s+(?:\S*:)?(\d{1,5})\b/,
  /(?:^|\s)--(?:http|http-socket|socket|uwsgi-socket|listen)[=\s](?:\S*:)?(\d{1,5})\b/,
];

function fromCommand(service: ServiceSpec): InferredPorts | undefined {
  const text = [...(service.entrypoint ?? []), ...(service.command ?? [])].join(' ');
  for (const flag of COMMAND_FLAGS) {
    const port = flag.exec(text)?.[1];
    if (port) return single(port, 'its command line');
  }
  return undefined;
}

function fromTraefikLabel(service: ServiceSpec): InferredPorts | undefined {
  const entry = Object.entries(service.labels).find(([key]) => /^traefik\.http\.services\.[^.]+\.loadbalancer\.server\.port$/.test(key));
  return entry && /^\d{1,5}$/.test(entry[1]) ? single(entry[1], `its label ${entry[0]}`) : undefined;
}

/** Default ports of URL schemes apps use to name their dependencies. */
const SCHEME_PORTS: Readonly<Record<string, number>> = {
  http: 80, https: 443, postgres: 5432, postgresql: 5432, mysql: 3306, mariadb: 3306, redis: 6379, rediss: 6379,
  amqp: 5672, amqps: 5671, mongodb: 27017, nats: 4222, memcached: 11211, ws: 80, wss: 443, smtp: 25, ldap: 389, kafka: 9092,
};

/** Every `svc:N` and `scheme://[user@]svc[:N]` the other services' texts contain, first mention first. */
function mentionedPorts(project: ComposeProject, names: ReadonlySet<string>, read: (file: string) => string | undefined): Map<string, InferredPorts> {
  const found = new Map<string, InferredPorts>();
  const note = (host: string, port: number, where: string): void => {
    if (!names.has(host) || found.has(host) || port < 1 || port > 65535) return;
    found.set(host, { ports: [port], source: where });
  };
  for (const service of project.services) {
    const texts = textsOf(service, read);
    // DD_UWSGI_HOST: uwsgi beside DD_UWSGI_PORT: 3031 names the port as surely as uwsgi:3031 would.
    const variables = new Map(texts.filter(([, where]) => where.startsWith('environment ') || where.startsWith('env_file ')).map(([value, where]) => [where.split(' ').pop() as string, value]));
    for (const [key, host] of variables) {
      const prefix = /^(.*)_(?:HOST|HOSTNAME|ADDR|ADDRESS|SERVER)$/.exec(key)?.[1];
      const port = prefix === undefined ? undefined : variables.get(`${prefix}_PORT`);
      if (port !== undefined && /^\d{1,5}$/.test(port)) note(host, Number(port), `${key} and ${prefix}_PORT of ${service.name}`);
    }
    for (const [text, where] of texts) {
      for (const m of text.matchAll(/([a-z][a-z0-9+.-]*):\/\/(?:[^@/\s]*@)?([A-Za-z0-9._-]+)(?::(\d{1,5}))?/g)) {
        const port = m[3] ?? SCHEME_PORTS[(m[1] as string).toLowerCase()];
        if (port !== undefined) note(m[2] as string, Number(port), `${where} of ${service.name}`);
      }
      for (const m of text.matchAll(/(?:^|[\s=,;:"'(@/])([A-Za-z0-9._-]+):(\d{1,5})(?![\d.])/g)) note(m[1] as string, Number(m[2]), `${where} of ${service.name}`);
    }
  }
  return found;
}

/** The texts a service names its dependencies in, each with where it came from. */
function textsOf(service: ServiceSpec, read: (file: string) => string | undefined): [string, string][] {
  const texts: [string, string][] = [];
  for (const [key, value] of Object.entries(service.environment)) if (value) texts.push([value, `environment ${key}`]);
  for (const envFile of service.envFiles) {
    const content = read(envFile.path);
    if (content === undefined) continue;
    const vars: Record<string, string> = {};
    parseDotenv(content, envFile.path, (name) => vars[name], vars);
    for (const [key, value] of Object.entries(vars)) texts.push([value, `env_file ${path.basename(envFile.path)} ${key}`]);
  }
  const argv = [...(service.entrypoint ?? []), ...(service.command ?? [])];
  if (argv.length) texts.push([argv.join(' '), 'the command']);
  for (const [key, value] of Object.entries(service.labels)) texts.push([value, `label ${key}`]);
  for (const mount of service.volumes) {
    if (mount.type !== 'bind' || mount.source === undefined) continue;
    const content = read(mount.source);
    if (content !== undefined) texts.push([content, path.basename(mount.source)]);
  }
  return texts;
}

function single(port: string, source: string): InferredPorts | undefined {
  const n = Number(port);
  return n >= 1 && n <= 65535 ? { ports: [n], source } : undefined;
}
