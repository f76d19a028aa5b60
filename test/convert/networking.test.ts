import { App } from 'cdk8s';
import { buildStack } from '../../lib/convert';
import { convert } from './given';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized manifests are JSON
type Manifest = any;

describe('ports, dependencies and resolver settings', () => {
  test('ports and expose become named unprivileged container ports; published ports are reported', () => {
    const { role, findings } = convert(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: "1:1"
    ports: ["8000:8000", { target: 9090, name: prom }]
    expose: ["7000-7001/udp"]
`);
    expect((role('api').props as { ports: unknown[] }).ports).toEqual([
      { name: 'http', port: 8000, protocol: 'TCP' },
      { name: 'prom', port: 9090, protocol: 'TCP' },
      { name: 'udp-7000', port: 7000, protocol: 'UDP' },
      { name: 'udp-7001', port: 7001, protocol: 'UDP' },
    ]);
    expect(findings).toContain('port-not-exposed 5:13');
  });

  test('a privileged container port is kept, and the pod lowers its unprivileged port range to the lowest one', () => {
    const { findings, role, spec } = convert('services:\n  web:\n    image: httpd:2.4\n    user: "1:1"\n    ports: ["8443:443", "80:80"]\n');
    expect(findings).toEqual(expect.arrayContaining(['port-privileged-sysctl 5:13', 'port-privileged-sysctl 5:25']));
    expect(findings.filter((f) => f.startsWith('port-privileged '))).toEqual([]);
    expect(role('web').props).toMatchObject({ ports: [{ name: 'https', port: 443 }, { name: 'http', port: 80 }], sysctls: { 'net.ipv4.ip_unprivileged_port_start': '80' } });
    const deployment = (buildStack(new App(), spec).toJson() as Manifest[]).find((m) => m.kind === 'Deployment');
    expect(deployment.spec.template.spec.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }]);
    expect(deployment.spec.template.spec.containers[0].ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([443, 80]);
  });

  test('the stack\'s own proxy drops privileged ports instead: its role listens on its own unprivileged port', () => {
    const { findings, role } = convert(`services:
  proxy: { image: "nginx:1.27.3", ports: ["80:80"], depends_on: [api], x-webstack: { role: proxy } }
  api: { image: "ghcr.io/acme/api:1.0.0", user: "1:1", expose: [8000] }
`);
    expect(findings.filter((f) => f.startsWith('port-privileged'))).toEqual([]);
    expect(role('proxy').props).not.toHaveProperty('sysctls');
  });

  test('depends_on and links become dependencies on peers that share a network and accept connections', () => {
    const { role, findings } = convert(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: "1:1"
    expose: [8000]
    depends_on:
      db: { condition: service_healthy }
      migrate: { condition: service_completed_successfully }
      isolated: { condition: service_started }
    links: ["cache:redis-alias"]
    networks: [back]
  db: { image: "postgres:16.6", networks: [back], environment: { POSTGRES_PASSWORD: x } }
  cache: { image: "redis:7.4.1", networks: [back] }
  migrate: { image: "ghcr.io/acme/api:1.0.0", user: "1:1", networks: [back] }
  isolated: { image: "ghcr.io/acme/other:1.0.0", user: "1:1", expose: [80], networks: [front] }
networks: { back: {}, front: {} }
`);
    expect(role('api').dependsOn).toEqual(['db', 'cache']);
    expect(role('migrate').role).toBe('task');
    expect(findings).toEqual(expect.arrayContaining(['no-shared-network 9:7', 'network-alias-ignored 10:13']));
  });

  test('fails when a dependency has no port to connect to', () => {
    const { findings, role } = convert(`services:
  api: { image: "ghcr.io/acme/api:1.0.0", user: "1:1", expose: [8000], depends_on: [queue] }
  queue: { image: "ghcr.io/acme/queue:1.0.0", user: "1:1" }
`);
    expect(findings).toContain('service-without-port 2:85');
    expect(role('api').dependsOn).toEqual([]);
  });

  test('a known server image without ports gets its well-known port, said in an info at the image key', () => {
    const { role, findings, diagnostics } = convert(`services:
  db: { image: "mariadb:11.4", user: "999:999" }
`);
    expect((role('db').props as { ports: unknown[] }).ports).toEqual([{ name: 'mysql', port: 3306, protocol: 'TCP' }]);
    expect(findings).toContain('port-from-image 2:9');
    expect(diagnostics.find((d) => d.code === 'port-from-image')).toMatchObject({ severity: 'info', value: '3306' });
  });

  test.each([
    ['docker.io/bitnami/kafka:3.9', [9092]],
    ['jaegertracing/all-in-one:1.62.0', [4317, 4318, 16686, 14268]],
    ['registry.example:5000/library/zookeeper:3.9', [2181]],
    ['axllent/mailpit:v1.21', [1025, 8025]],
    ['rabbitmq:4.0-management', [5672]],
    ['confluentinc/cp-kafka:7.8.0', [9092]],
    ['minio/minio:RELEASE.2024-11-07T00-52-20Z', [9000]],
  ])('a dependency on %s without ports is reached on the image ports %j', (image, ports) => {
    const { role, findings } = convert(`services:
  api: { image: "ghcr.io/acme/api:1.0.0", user: "1:1", expose: [8000], depends_on: [dep] }
  dep: { image: "${image}", user: "1:1" }
`);
    expect(role('api').dependsOn).toEqual(['dep']);
    expect(findings).not.toContain('service-without-port 2:85');
    expect(findings).toContain('port-from-image 3:10');
    expect((role('dep').props as { ports: readonly { port: number }[] }).ports.map((p) => p.port)).toEqual(ports);
  });

  test('declared ports win over the image table, and a postgres role is not told about its own port', () => {
    const { findings } = convert(`services:
  search: { image: "opensearchproject/opensearch:2.18.0", user: "1:1", expose: [9600] }
  db: { image: "postgres:16.6", environment: { POSTGRES_PASSWORD: x } }
`);
    expect(findings.filter((f) => f.startsWith('port-from-image'))).toEqual([]);
  });

  test('extra_hosts, dns_search and dns_opt reach the pod; custom nameservers are refused', () => {
    const { role, findings } = convert(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: "1:1"
    extra_hosts: ["db.internal:10.0.0.5", "cache.internal=10.0.0.5"]
    dns: 8.8.8.8
    dns_search: [corp.example]
    dns_opt: ["ndots:2"]
`);
    expect(role('api').props).toMatchObject({
      hostAliases: [{ ip: '10.0.0.5', hostnames: ['db.internal', 'cache.internal'] }],
      dnsConfig: { searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }] },
    });
    expect(findings).toContain('dns-nameservers-ignored 6:5');
  });

  test('an empty dns_search (Docker: clear the search domains) is dropped with an info, never an invalid empty domain', () => {
    const { role, findings } = convert('services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    user: "1:1"\n    dns_search: ""\n');
    expect(role('api').props).not.toHaveProperty('dnsConfig');
    expect(findings).toContain('ignored-key 5:5');
  });
});

describe('edges Compose allowed implicitly', () => {
  test('a variable or command naming another service as host, without depends_on, is an edge (bare words only in host-like variables)', () => {
    const { findings, role } = convert(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: "1:1"
    expose: [8000]
    environment:
      CACHE_URL: redis://cache:6379/0
      DB_HOST: db
      TITLE: the database
      SENDER: mail
  cache: { image: "redis:7.4.1" }
  mail: { image: "axllent/mailpit:v1.21", user: "1:1", expose: [1025] }
  db: { image: "postgres:16.6", environment: { POSTGRES_PASSWORD: x } }
  worker:
    image: ghcr.io/acme/api:1.0.0
    user: "1:1"
    command: ["wait-for", "mail:1025", "--", "run", "db"]
`);
    expect(findings.filter((f) => f.startsWith('edge-from-name'))).toEqual(['edge-from-name 7:7', 'edge-from-name 8:7', 'edge-from-name 17:5']);
    expect(role('api').dependsOn).toEqual(['cache', 'db']);
    expect(role('worker').dependsOn).toEqual(['mail']);
  });

  test('a name without a known port allows nothing, and says so', () => {
    const { findings, role } = convert(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: "1:1"
    expose: [8000]
    environment: { QUEUE_HOST: queue }
  queue: { image: "ghcr.io/acme/queue:1.0", user: "1:1" }
`);
    expect(findings).toContain('service-without-port 6:20');
    expect(role('api').dependsOn).toEqual([]);
  });

  test('a published port says where the stack is reached from: its proxy, or nowhere when it has none', () => {
    const alone = convert('services:\n  app: { image: "ghcr.io/acme/app:1.0", user: "1:1", ports: ["8080:8080"] }\n');
    expect(alone.diagnostics.find((d) => d.code === 'port-not-exposed')?.message).toMatch(/has no reverse proxy, so nothing is reachable from outside/);
    const proxied = convert('services:\n  app: { image: "ghcr.io/acme/app:1.0", user: "1:1", ports: ["8080:8080"] }\n  web: { image: "nginx:1.27", ports: ["80:80"], depends_on: [app] }\n');
    expect(proxied.diagnostics.filter((d) => d.code === 'port-not-exposed').map((d) => [d.path, d.message.replace(/^.*: /, '')])).toEqual([['services.app.ports.0', 'only the proxy is exposed']]);
  });
});


describe('services that call each other', () => {
  test('both directions are NetworkPolicy edges: the one built first gets its dependency once the other exists', () => {
    const { spec } = convert(`services:
  orders:
    image: ghcr.io/acme/orders:1.0.0
    user: "1:1"
    expose: [8000]
    environment: { BILLING_URL: "http://billing:9000" }
  billing:
    image: ghcr.io/acme/billing:1.0.0
    user: "1:1"
    expose: [9000]
    environment: { ORDERS_URL: "http://orders:8000" }
`);
    const policies = (buildStack(new App(), spec).toJson() as Manifest[]).filter((m) => m.kind === 'NetworkPolicy');
    const egress = (name: string): string[] =>
      policies
        .filter((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === name)
        .flatMap((p) => p.spec.egress ?? [])
        .flatMap((rule: Manifest) => (rule.to ?? []).map((peer: Manifest) => `${peer.podSelector?.matchLabels?.['app.kubernetes.io/name']}:${rule.ports.map((port: Manifest) => port.port).join(',')}`));
    expect(egress('orders')).toContain('billing:9000');
    expect(egress('billing')).toContain('orders:8000');
  });
});
