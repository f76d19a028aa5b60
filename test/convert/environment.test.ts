import { convert } from './given';

describe('environment and env_file', () => {
  const compose = `services:
  api:
    image: ghcr.io/acme/api:1.4.2
    user: "10001:10001"
    env_file: [common.env]
    environment:
      DEBUG: "false"
      SECRET_KEY: s3cr3t-value-123
      DATABASE_URL: postgres://app:hunter2hunter2@db/app
      CACHE_URL: redis://cache:6379/0
      UNSET_ONE:
`;
  const files = { 'common.env': 'SITE_NAME=Shop\nSTRIPE_API_KEY=sk_live_abcdefgh\nDEBUG=true\n' };

  test('plain values go to the <service>-env ConfigMap; environment wins over env_file', () => {
    const { spec } = convert(compose, files);
    expect(spec.configMaps).toEqual([{ name: 'api-env', data: { SITE_NAME: 'Shop', DEBUG: 'false', CACHE_URL: 'redis://cache:6379/0' } }]);
  });

  test('secret-looking and valueless variables are secretKeyRefs to the <service>-env Secret, with no value anywhere', () => {
    const { spec, role } = convert(compose, files);
    const props = role('api').props as { env?: Record<string, unknown>; envFromConfigMaps?: string[] };
    expect(props.envFromConfigMaps).toEqual(['api-env']);
    expect(props.env).toEqual({
      STRIPE_API_KEY: { secretKeyRef: { name: 'api-env', key: 'STRIPE_API_KEY' } },
      SECRET_KEY: { secretKeyRef: { name: 'api-env', key: 'SECRET_KEY' } },
      DATABASE_URL: { secretKeyRef: { name: 'api-env', key: 'DATABASE_URL' } },
      UNSET_ONE: { secretKeyRef: { name: 'api-env', key: 'UNSET_ONE' } },
    });
    expect(Object.keys(spec.secrets[0]?.keys ?? {})).toEqual(['STRIPE_API_KEY', 'SECRET_KEY', 'DATABASE_URL', 'UNSET_ONE']);
    const everything = JSON.stringify(spec);
    for (const value of ['s3cr3t-value-123', 'hunter2hunter2', 'sk_live_abcdefgh']) expect(everything).not.toContain(value);
  });

  test('a variable name Kubernetes rejects is left out with a positioned warning; the service still converts', () => {
    const odd = `services:
  api:
    image: ghcr.io/acme/api:1.4.2
    user: "10001:10001"
    environment:
      "X$(touch /tmp/pwned)_PASSWORD": some-value-1
      "MY VAR": "1"
      KEPT.NAME-1: "2"
`;
    const { spec, findings } = convert(odd, {});
    expect(findings).toEqual(expect.arrayContaining(['env-name-invalid 6:7', 'env-name-invalid 7:7']));
    expect(findings.filter((f) => f.startsWith('env-name-invalid'))).toHaveLength(2);
    const text = JSON.stringify(spec);
    expect(text).not.toContain('touch /tmp/pwned');
    expect(text).not.toContain('MY VAR');
    expect(text).toContain('KEPT.NAME-1');
  });

  test('a valueless variable is never read from the converting machine, and is reported at its key', () => {
    // The CLI passes the process environment here, as Compose interpolation needs it.
    const { spec, findings } = convert(compose, files, { environment: { UNSET_ONE: 'from-the-machine' } });
    expect(JSON.stringify(spec)).not.toContain('from-the-machine');
    expect(findings).toContain('env-unset 11:7');
  });

  test('a missing required env_file stops the load, as in Compose', () => {
    expect(() => convert(compose)).toThrow(/did not load: env-file-missing/);
  });
});

describe('config hash', () => {
  test('pods that read a generated ConfigMap carry its hash, so changed config rolls them', () => {
    const hash = (debug: string) =>
      (convert(`services:\n  api:\n    image: a/b:1.0.0\n    user: "1:1"\n    environment: { DEBUG: "${debug}" }\n`).role('api').props as { podAnnotations?: Record<string, string> }).podAnnotations?.['cdk8s-webstack/config-sha256'];
    expect(hash('true')).toMatch(/^[0-9a-f]{64}$/);
    expect(hash('true')).toBe(hash('true'));
    expect(hash('false')).not.toBe(hash('true'));
  });
});

describe('secret values that reach names and paths', () => {
  const service = (lines: string): string => `services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: "10001:10001"\n${lines}`;

  test('a bind source interpolated from a secret would name a claim after it (in lower case): refused at the volume', () => {
    const { findings } = convert(service('    environment: {API_TOKEN: "${DATA_TOKEN}"}\n    volumes: ["./${DATA_TOKEN}:/data"]\n'), { '.env': 'DATA_TOKEN=Xq81LmZp9WvTk2\n' });
    expect(findings.filter((f) => f.startsWith('secret-in-output'))).toEqual(['secret-in-output 6:5']);
  });

  test('a weak password that is also a mount path of the service is dropped from the secret values, with a warning', () => {
    const { findings, spec } = convert(service('    environment: {REDIS_PASSWORD: bitnami}\n    volumes: ["cache:/bitnami/redis/data"]\nvolumes:\n  cache: {}\n'));
    expect(findings).toContain('secret-value-is-a-name 5:19');
    expect(findings.filter((f) => f.startsWith('secret-in-output'))).toEqual([]);
    expect(JSON.stringify(spec.roles[0]?.props)).toContain('/bitnami/redis/data');
  });
});
