import { EDGE_PROXIES, RESOURCES } from '../../lib/defaults';
import { EdgeProxy, type EdgeProxyProps } from '../../lib/services/edge-proxy';
import { givenChart, onlyOf, synth } from '../support/synth';
import { expectMisuse } from './expect-misuse';
import { expectHardenedRole } from './invariants';

function givenEdgeProxy(props: Partial<EdgeProxyProps> = {}) {
  const chart = givenChart();
  new EdgeProxy(chart, 'proxy', {
    image: 'nginx:1.27',
    family: 'nginx',
    ports: [{ name: 'http', port: 8080 }, { name: 'https', port: 8443 }],
    volumes: [{ name: 'nginx-conf', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', configMap: { name: 'proxy-nginx-conf' } }],
    ...props,
  });
  return synth(chart);
}

describe('EdgeProxy', () => {
  test.each(Object.keys(EDGE_PROXIES) as (keyof typeof EDGE_PROXIES)[])('%s: hardened as its image\'s unprivileged user, with emptyDirs for what it writes', (family) => {
    expectHardenedRole(givenEdgeProxy({ family, image: `example/${family}:1.0` }), {
      name: 'proxy', kind: 'Deployment', identity: EDGE_PROXIES[family].identity, resources: RESOURCES.proxy,
      writablePaths: EDGE_PROXIES[family].writablePaths, probes: true,
    });
  });

  test('is reached from outside through a LoadBalancer on the published ports', () => {
    const service = onlyOf(givenEdgeProxy({ servicePorts: { http: 80, https: 443 } }), 'Service');
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
    ]);
  });

  test('or through an Ingress with TLS', () => {
    const manifests = givenEdgeProxy({ expose: { type: 'ingress', host: 'shop.example.com', tlsSecret: 'shop-tls' }, servicePorts: { http: 80 } });
    expect(onlyOf(manifests, 'Service').spec.type).toBe('ClusterIP');
    expect(onlyOf(manifests, 'Ingress').spec).toMatchObject({ tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [{ host: 'shop.example.com', http: { paths: [{ backend: { service: { name: 'proxy', port: { number: 80 } } } }] } }] });
  });

  test('keeps the configuration it is given', () => {
    const deployment = onlyOf(givenEdgeProxy(), 'Deployment');
    expect(deployment.spec.template.spec.volumes).toContainEqual({ name: 'nginx-conf', configMap: { name: 'proxy-nginx-conf' } });
  });

  test('needs the port its clients connect to', () => {
    expectMisuse(() => new EdgeProxy(givenChart(), 'proxy', { image: 'caddy:2.8', family: 'caddy' }), 'edge-proxy-without-port', 'shop/proxy');
  });
});
