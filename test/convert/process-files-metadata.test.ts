import { convert } from './given';

describe('command, entrypoint and lifecycle', () => {
  test('entrypoint is the container command, command its args; $( and $$ reach the shell unexpanded', () => {
    const { role, findings } = convert(`services:
  app:
    image: a/b:1.0.0
    user: "1:1"
    entrypoint: ["/bin/sh", "-c"]
    command: ["echo $$(hostname) $$$$"]
    working_dir: /srv
    init: true
    post_start: [{ command: ["touch", "/tmp/started"] }]
    pre_stop: [{ command: "sleep 2", user: root }]
`);
    expect(role('app').props).toMatchObject({ command: ['/bin/sh', '-c'], args: ['echo $$(hostname) $$$'], workingDir: '/srv', postStart: ['touch', '/tmp/started'] });
    expect(role('app').props).not.toHaveProperty('preStop');
    expect(findings).toEqual(expect.arrayContaining(['init-ignored 8:5', 'lifecycle-hook-forbidden 10:16']));
  });

  test('a database role keeps its own server command, with a warning', () => {
    const { role, findings } = convert('services:\n  db:\n    image: postgres:16.6\n    command: postgres -c max_connections=300\n    environment: { POSTGRES_PASSWORD: x }\n');
    expect(role('db').props).not.toHaveProperty('args');
    expect(findings).toContain('role-overrides-command 4:5');
  });
});

describe('secrets and configs', () => {
  test('secrets mount as files where Compose mounts them; the Secret is created by the user from the same file', () => {
    const { role, spec } = convert(
      `services:
  app:
    image: a/b:1.0.0
    user: "1:1"
    secrets: [db_password, { source: api_token, target: token, mode: 0400 }]
    configs: [{ source: app_config, target: /etc/app.ini }]
secrets:
  db_password: { file: ./db/password.txt }
  api_token: { environment: API_TOKEN }
configs:
  app_config: { content: "[app]\\nmode=prod\\n" }
`,
      { 'db/password.txt': 'correct-horse-battery-staple\n' },
    );
    expect((role('app').props as { volumes: unknown[] }).volumes).toEqual([
      { name: 'secret-db-password', mountPath: '/run/secrets/db_password', subPath: 'db_password', secret: { secretName: 'db-password', items: [{ key: 'db_password', path: 'db_password' }] } },
      { name: 'secret-api-token', mountPath: '/run/secrets/token', subPath: 'api_token', secret: { secretName: 'api-token', items: [{ key: 'api_token', path: 'api_token', mode: 0o400 }] } },
      { name: 'config-app-config', mountPath: '/etc/app.ini', subPath: 'app_config', configMap: { name: 'app-config', items: [{ key: 'app_config', path: 'app_config' }] } },
    ]);
    expect(spec.secrets).toEqual([
      { name: 'db-password', keys: { db_password: { kind: 'file', path: './db/password.txt' } } },
      { name: 'api-token', keys: { api_token: { kind: 'literal', variable: 'API_TOKEN' } } },
    ]);
    expect(spec.configMaps).toContainEqual({ name: 'app-config', data: { app_config: '[app]\nmode=prod\n' } });
    expect(JSON.stringify(spec)).not.toContain('correct-horse');
  });
});

describe('labels and annotations', () => {
  test('labels become pod annotations, deploy.labels object labels; router and secret-looking labels are not copied', () => {
    const { role, findings } = convert(`services:
  app:
    image: a/b:1.0.0
    user: "1:1"
    labels:
      com.example.team: payments
      traefik.http.routers.app.rule: Host(\`shop.example.com\`)
      basicauth.password: hunter2hunter2
    deploy:
      labels: { tier: web, description: "not a label value" }
`);
    expect(role('app').props).toMatchObject({
      podAnnotations: { 'com.example.team': 'payments', description: 'not a label value' },
      labels: { tier: 'web' },
    });
    expect(findings).toEqual(expect.arrayContaining(['label-not-copied 7:7', 'label-not-copied 8:7']));
  });
});
