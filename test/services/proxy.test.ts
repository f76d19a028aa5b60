import { IMAGE_IDENTITY, IMAGES, PORTS, PROBE_PATHS, RESOURCES, WRITABLE_PATHS } from '../../lib/defaults';
import { Backend } from '../../lib/services/backend';
import { Frontend } from '../../lib/services/frontend';
import { Proxy, type ProxyProps } from '../../lib/services/proxy';
import { Worker } from '../../lib/services/worker';
import { givenChart, type Manifest, objectsOf, onlyOf, synth } from '../support/synth';
import { expectMisuse } from './expect-misuse';
import { containerOf, expectDeterministic, expectHardenedRole } from './invariants';

function givenProxy(props: Partial<ProxyProps> = {}) {
  const chart = givenChart();
  const backend = new Backend(chart, 'backend', { image: 'myorg/api:1.4.2' });
  const frontend = new Frontend(chart, 'frontend', { image: 'myorg/web:2.0.1' });
  const proxy = new Proxy(chart, 'proxy', { backend, frontend, ...props });
  const manifests = synth(chart).filter((m: Manifest) => m.metadata.name === 'proxy');
  return { chart, proxy, backend, frontend, manifests, config: onlyOf(manifests, 'ConfigMap').data['nginx.conf'] as string };
}

const TLS: ProxyProps['expose'] = { type: 'ingress', host: 'shop.example.com', tlsSecret: 'shop-tls', ingressClassName: 'nginx' };

describe('Proxy', () => {
  test('renders ConfigMap, Deployment, LoadBalancer Service, HPA and PDB (snapshot)', () => {
    expect(givenProxy().manifests).toMatchSnapshot();
  });

  test('renders an Ingress with TLS (snapshot)', () => {
    expect(givenProxy({ expose: TLS }).manifests).toMatchSnapshot();
  });

  test('is hardened as nginx-unprivileged with /tmp and /var/cache/nginx writable', () => {
    const deployment = expectHardenedRole(givenProxy().manifests, {
      name: 'proxy', kind: 'Deployment', identity: IMAGE_IDENTITY.nginxUnprivileged, resources: RESOURCES.proxy,
      writablePaths: WRITABLE_PATHS.nginxUnprivileged, probes: true,
    });
    expect(containerOf(deployment).image).toBe(IMAGES.nginxUnprivileged);
  });

  test('is the exposed role and depends on backend and frontend', () => {
    const { proxy, backend, frontend } = givenProxy();
    expect(proxy.exposed).toBe(true);
    expect(backend.exposed || frontend.exposed).toBe(false);
    expect(proxy.dependencies).toEqual([backend, frontend]);
  });

  test('a LoadBalancer Service maps port 80 to the unprivileged container port', () => {
    const { manifests } = givenProxy();
    expect(onlyOf(manifests, 'Service').spec).toMatchObject({ type: 'LoadBalancer', ports: [{ name: 'http', port: PORTS.proxyService, targetPort: 'http' }] });
    expect(containerOf(onlyOf(manifests, 'Deployment')).ports).toEqual([{ name: 'http', containerPort: PORTS.nginxUnprivileged, protocol: 'TCP' }]);
    expect(objectsOf(manifests, 'Ingress')).toEqual([]);
  });

  test('with an Ingress the Service stays ClusterIP and the Ingress terminates TLS', () => {
    const { manifests } = givenProxy({ expose: TLS });
    expect(onlyOf(manifests, 'Service').spec.type).toBe('ClusterIP');
    expect(onlyOf(manifests, 'Ingress').spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'proxy', port: { number: PORTS.proxyService } } } }] } }],
    });
  });

  test('mounts nginx.conf from its ConfigMap, read-only', () => {
    const deployment = onlyOf(givenProxy().manifests, 'Deployment');
    expect(containerOf(deployment).volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true });
    expect(deployment.spec.template.spec.volumes).toContainEqual({ name: 'config', configMap: { name: 'proxy' } });
  });

  test('routes API prefixes to the backend and everything else to the frontend', () => {
    const { config } = givenProxy({ apiPrefixes: ['/api', '/graphql/'] });
    expect(config).toContain(`upstream backend {\n    server backend:${PORTS.backend};`);
    expect(config).toContain(`upstream frontend {\n    server frontend:${PORTS.nginxUnprivileged};`);
    for (const location of ['= /api', '^~ /api/', '= /graphql', '^~ /graphql/']) {
      expect(config).toContain(`location ${location} {\n      proxy_pass http://backend;`);
    }
    expect(config).toContain('location / {\n      proxy_pass http://frontend;');
  });

  test('answers /health itself and keeps pid and temp files in /tmp', () => {
    const { config, manifests } = givenProxy();
    expect(config).toContain(`location = ${PROBE_PATHS.proxyHealth} {`);
    expect(config).toMatch(/^pid \/tmp\/nginx\.pid;$/m);
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) expect(config).toMatch(new RegExp(`^  ${temp}_temp_path /tmp/`, 'm'));
    expect(containerOf(onlyOf(manifests, 'Deployment')).readinessProbe.httpGet).toEqual({ path: PROBE_PATHS.proxyHealth, port: PORTS.nginxUnprivileged });
  });

  test('sends security headers, and HSTS only behind TLS', () => {
    const plain = givenProxy().config;
    for (const header of ['X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy']) expect(plain).toContain(`add_header ${header} `);
    expect(plain).not.toContain('Strict-Transport-Security');
    expect(givenProxy({ expose: TLS }).config).toContain('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;');
  });

  test('trusts X-Forwarded-Proto only behind an ingress controller', () => {
    expect(givenProxy().config).not.toContain('$http_x_forwarded_proto');
    expect(givenProxy({ expose: TLS }).config).toContain('default $http_x_forwarded_proto;');
  });

  test('no location adds headers of its own (that would drop the inherited security headers)', () => {
    const locations = givenProxy({ expose: TLS }).config.split('location ').slice(1);
    for (const block of locations) expect(block.slice(0, block.indexOf('}'))).not.toContain('add_header');
  });

  test('a config change rolls the pods through the config hash annotation', () => {
    const hashOf = (props: Partial<ProxyProps>) => onlyOf(givenProxy(props).manifests, 'Deployment').spec.template.metadata.annotations['cdk8s-webstack/config-sha256'];
    expect(hashOf({})).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf({})).not.toBe(hashOf({ apiPrefixes: ['/v1'] }));
  });

  test('fails on an API prefix that is not a plain path', () => {
    expectMisuse(() => givenProxy({ apiPrefixes: ['api; deny all'] }), 'invalid-api-prefix', 'shop/proxy', 'api; deny all');
  });

  test('fails when routing to a role without ports', () => {
    const chart = givenChart();
    const frontend = new Frontend(chart, 'frontend', { image: 'myorg/web:2.0.1' });
    const worker = new Worker(chart, 'jobs', { image: 'myorg/jobs:1.0', liveness: { exec: ['true'] } });
    expectMisuse(() => new Proxy(chart, 'proxy', { backend: worker, frontend }), 'proxy-target-without-port', 'shop/proxy', 'jobs');
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenProxy({ expose: TLS }).chart);
  });
});
