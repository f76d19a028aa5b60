import { PROXY } from '../defaults';

/** Inputs of the proxy's nginx.conf. */
export interface ProxyConfigOptions {
  /** Port nginx listens on (unprivileged). */
  readonly listenPort: number;
  /** `host:port` of the backend Service. */
  readonly backend: string;
  /** `host:port` of the frontend Service. */
  readonly frontend: string;
  /** Normalised path prefixes routed to the backend (`/api`). */
  readonly apiPrefixes: readonly string[];
  /** Send HSTS (only when clients reach the stack over TLS). */
  readonly hsts: boolean;
  /** Pass on the client's X-Forwarded-Proto: only behind an ingress controller, which sets it; at the edge it could be forged. */
  readonly trustForwardedProto: boolean;
  readonly clientMaxBodySize: string;
  /** Path answered by nginx itself. */
  readonly healthPath: string;
}

function proxyLocation(match: string, upstream: string): string[] {
  return [
    `    location ${match} {`,
    `      proxy_pass http://${upstream};`,
    '    }',
  ];
}

/** `$forwarded_proto`: the scheme an ingress controller saw, or our own at the edge. */
function forwardedProto(trust: boolean): string[] {
  return trust
    ? ['  map $http_x_forwarded_proto $forwarded_proto {', '    default $http_x_forwarded_proto;', "    '' $scheme;", '  }']
    : ['  map $scheme $forwarded_proto {', '    default $scheme;', '  }'];
}

/**
 * nginx.conf for nginxinc/nginx-unprivileged under a read-only root: pid and every temp path in /tmp, logs to
 * stdout/stderr. Security headers are set once at server level and no location adds its own headers, because
 * any `add_header` in a location silently drops the inherited ones.
 */
export function renderProxyConfig(o: ProxyConfigOptions): string {
  const headers = [
    `add_header X-Frame-Options "${PROXY.frameOptions}" always;`,
    'add_header X-Content-Type-Options "nosniff" always;',
    `add_header Referrer-Policy "${PROXY.referrerPolicy}" always;`,
    ...(o.hsts ? [`add_header Strict-Transport-Security "max-age=${PROXY.hstsMaxAgeSeconds}; includeSubDomains" always;`] : []),
  ];
  const api = o.apiPrefixes.flatMap((prefix) => [
    ...proxyLocation(`= ${prefix}`, 'backend'),
    ...proxyLocation(`^~ ${prefix}/`, 'backend'),
  ]);
  return [
    'worker_processes auto;',
    'pid /tmp/nginx.pid;',
    'error_log /dev/stderr warn;',
    '',
    'events {',
    '  worker_connections 1024;',
    '}',
    '',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log /dev/stdout;',
    '  client_body_temp_path /tmp/client_temp;',
    '  proxy_temp_path /tmp/proxy_temp;',
    '  fastcgi_temp_path /tmp/fastcgi_temp;',
    '  uwsgi_temp_path /tmp/uwsgi_temp;',
    '  scgi_temp_path /tmp/scgi_temp;',
    '  server_tokens off;',
    '  sendfile on;',
    '  keepalive_timeout 65;',
    `  client_max_body_size ${o.clientMaxBodySize};`,
    '',
    ...forwardedProto(o.trustForwardedProto),
    '  map $http_upgrade $connection_upgrade {',
    '    default upgrade;',
    "    '' close;",
    '  }',
    '',
    `  upstream backend {\n    server ${o.backend};\n  }`,
    `  upstream frontend {\n    server ${o.frontend};\n  }`,
    '',
    '  server {',
    `    listen ${o.listenPort};`,
    '',
    ...headers.map((h) => `    ${h}`),
    '',
    '    proxy_http_version 1.1;',
    '    proxy_set_header Host $host;',
    '    proxy_set_header X-Real-IP $remote_addr;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $forwarded_proto;',
    '    proxy_set_header Upgrade $http_upgrade;',
    '    proxy_set_header Connection $connection_upgrade;',
    '',
    `    location = ${o.healthPath} {`,
    '      access_log off;',
    '      default_type text/plain;',
    '      return 200 "ok\\n";',
    '    }',
    ...api,
    ...proxyLocation('/', 'frontend'),
    '  }',
    '}',
    '',
  ].join('\n');
}
