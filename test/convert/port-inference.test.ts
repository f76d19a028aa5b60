import { convert } from './given';

/** A service `api` that declares no port, and a `web` that depends on it. */
const project = (api: string, web = '', files = '') => `services:
  api:
    image: ghcr.io/acme/api:1.0
    user: "1:1"
${api}  web:
    image: ghcr.io/acme/web:1.0
    user: "1:1"
    expose: [8080]
    depends_on: [api]
${web}${files}`;

const portsOf = (compose: string, files: Record<string, string> = {}) => {
  const { role, findings, diagnostics } = convert(compose, files);
  return {
    ports: (role('api').props as { ports?: { port: number }[] }).ports?.map((p) => p.port),
    edge: role('web').dependsOn.includes('api'),
    source: diagnostics.find((d) => d.code === 'port-inferred')?.message.replace(/^.*as (.*) says.*$/, '$1'),
    findings,
  };
};

describe('ports of services that declare none', () => {
  test.each([
    ['its healthcheck URL', '    healthcheck: {test: ["CMD", "curl", "-f", "http://localhost:8000/health"]}\n', '', {}, 8000, 'its healthcheck'],
    ['its nc -z healthcheck', '    healthcheck: {test: "nc -z localhost 5672"}\n', '', {}, 5672, 'its healthcheck'],
    ['--port in its command', '    command: ["uvicorn", "app:app", "--port", "8001"]\n', '', {}, 8001, 'its command line'],
    ['-b in its command', '    command: gunicorn -b 0.0.0.0:8002 app:wsgi\n', '', {}, 8002, 'its command line'],
    ['runserver in its command', '    command: python manage.py runserver 0.0.0.0:8003\n', '', {}, 8003, 'its command line'],
    ['uwsgi --http in its command', '    command: uwsgi --http :8004 --module app\n', '', {}, 8004, 'its command line'],
    ['a Traefik label', '    labels: {traefik.http.services.api.loadbalancer.server.port: "8005"}\n', '', {}, 8005, 'its label traefik.http.services.api.loadbalancer.server.port'],
    ['a dependent URL', '', '    environment: {API_URL: "http://api:8006/v1"}\n', {}, 8006, 'environment API_URL of web'],
    ['a dependent URL without port (the scheme default)', '', '    environment: {BROKER: "amqp://guest@api/"}\n', {}, 5672, 'environment BROKER of web'],
    ['a dependent host:port', '', '    command: ["wait-for", "api:8007", "--", "run"]\n', {}, 8007, 'the command of web'],
    ['a HOST/PORT variable pair of a dependent', '', '    environment: {UPSTREAM_HOST: api, UPSTREAM_PORT: "8008"}\n', {}, 8008, 'UPSTREAM_HOST and UPSTREAM_PORT of web'],
    ['an nginx config a dependent mounts', '', '    volumes: ["./nginx.conf:/etc/nginx/conf.d/default.conf:ro"]\n', { 'nginx.conf': 'server { location / { proxy_pass http://api:8009; } }' }, 8009, 'nginx.conf of web'],
    ['an upstream block in a mounted directory', '', '    volumes: ["./conf.d:/etc/nginx/conf.d:ro"]\n', { 'conf.d/up.conf': 'upstream app { server api:8010; }' }, 8010, 'conf.d of web'],
    ['a Caddyfile a dependent mounts', '', '    volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]\n', { Caddyfile: ':8080 {\n  reverse_proxy api:8011\n}\n' }, 8011, 'Caddyfile of web'],
  ])('%s gives the port, a Service and the edge', (_what, api, web, files, port, source) => {
    expect(portsOf(project(api, web), files)).toMatchObject({ ports: [port], edge: true, source });
  });

  test('nothing found: no Service, start order only, a warning where the dependency is declared', () => {
    const result = portsOf(project(''));
    expect(result).toMatchObject({ ports: undefined, edge: false });
    expect(result.findings).toContain('service-without-port 9:18');
  });

  test('a declared port wins over everything inferred', () => {
    expect(portsOf(project('    expose: [9000]\n    command: ["run", "--port", "8000"]\n')).ports).toEqual([9000]);
  });

  test('files outside the project are not read for inference', () => {
    expect(portsOf(project('', '    volumes: ["/etc/nginx/nginx.conf:/etc/nginx/nginx.conf:ro"]\n')).ports).toBeUndefined();
  });
});
