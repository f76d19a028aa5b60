import { mergeDocuments } from '../../lib/compose/merge';
import { splitMergeTags } from '../../lib/compose/merge-tags';
import { parseCompose } from '../../lib/compose/parse';
import { at, pmap, toPlain } from '../../lib/compose/tree';

function doc(yaml: string, file: string): ReturnType<typeof splitMergeTags> {
  const parsed = parseCompose(yaml, file);
  if (!parsed.result?.[0]) throw new Error(JSON.stringify(parsed.diagnostics));
  return splitMergeTags(parsed.result[0]);
}

/** Merges documents in order, starting from an empty tree, as the loader does for `-f a -f b`. */
function merge(...yamls: string[]): ReturnType<typeof mergeDocuments> {
  let current = mergeDocuments(pmap([]), doc(yamls[0]!, 'f0.yml'));
  yamls.slice(1).forEach((yaml, i) => {
    current = mergeDocuments(current.result!, doc(yaml, `f${i + 1}.yml`));
  });
  return current;
}

function web(...yamls: string[]): unknown {
  const result = merge(...yamls);
  expect(result.diagnostics).toEqual([]);
  return toPlain(at(result.result, 'services.web')!);
}

describe('mergeDocuments', () => {
  test('mappings merge recursively, scalars are replaced, null keeps the base', () => {
    expect(
      web(
        'services: {web: {image: a, restart: always, deploy: {replicas: 1, resources: {limits: {cpus: "1"}}}}}',
        'services: {web: {image: b, restart: null, deploy: {resources: {limits: {memory: 1G}}}}}',
      ),
    ).toEqual({ image: 'b', restart: 'always', deploy: { replicas: 1, resources: { limits: { cpus: '1', memory: '1G' } } } });
  });

  test('command, entrypoint and healthcheck.test are replaced, not appended', () => {
    expect(
      web(
        'services: {web: {command: [a, b], entrypoint: [x], healthcheck: {test: [CMD, a], retries: 3}}}',
        'services: {web: {command: [c], entrypoint: y, healthcheck: {test: [CMD, b]}}}',
      ),
    ).toEqual({ command: ['c'], entrypoint: 'y', healthcheck: { test: ['CMD', 'b'], retries: 3 } });
  });

  test('environment merges by key across map and list forms, last wins at the first place', () => {
    expect(
      web('services: {web: {environment: {B: 1, A: x, C: null}}}', 'services: {web: {environment: [A=y, D=4]}}'),
    ).toEqual({ environment: ['A=y', 'B=1', 'C', 'D=4'] });
  });

  test('a single file keeps its environment form', () => {
    expect(web('services: {web: {environment: {A: 1}}}', 'services: {web: {image: x}}')).toEqual({ environment: { A: 1 }, image: 'x' });
  });

  test('ports, volumes, secrets and expose append and de-duplicate by key', () => {
    expect(
      web(
        'services: {web: {ports: ["80:80", {target: 443, published: "8443"}], volumes: ["data:/data", "./a:/app"], secrets: [s1], expose: [3000]}}',
        'services: {web: {ports: ["80:80", {target: 443, published: "8443", host_ip: 0.0.0.0}], volumes: ["./b:/app:ro"], secrets: [{source: s2, target: /run/secrets/s1}], expose: ["3000"]}}',
      ),
    ).toEqual({
      ports: ['80:80', { target: 443, published: '8443', host_ip: '0.0.0.0' }],
      volumes: ['data:/data', './b:/app:ro'],
      secrets: [{ source: 's2', target: '/run/secrets/s1' }],
      expose: ['3000'],
    });
  });

  test('depends_on and networks merge as mappings with compose defaults', () => {
    expect(
      web('services: {web: {depends_on: [db], networks: [front]}}', 'services: {web: {depends_on: {cache: {condition: service_healthy}}, networks: {back: {aliases: [w]}}}}'),
    ).toEqual({
      depends_on: { db: { condition: 'service_started', required: true }, cache: { condition: 'service_healthy' } },
      networks: { front: null, back: { aliases: ['w'] } },
    });
  });

  test('dns, extra_hosts and build', () => {
    expect(
      web(
        'services: {web: {dns: 8.8.8.8, extra_hosts: {db: 10.0.0.1}, build: ./app}}',
        'services: {web: {dns: [8.8.8.8, 1.1.1.1], extra_hosts: ["cache=10.0.0.2"], build: {dockerfile: Dockerfile.prod}}}',
      ),
    ).toEqual({
      dns: ['8.8.8.8', '1.1.1.1'],
      extra_hosts: ['db=10.0.0.1', 'cache=10.0.0.2'],
      build: { context: './app', dockerfile: 'Dockerfile.prod' },
    });
  });

  test('logging with another driver replaces the block', () => {
    expect(
      web(
        'services: {web: {logging: {driver: json-file, options: {max-size: 1m}}}}',
        'services: {web: {logging: {driver: syslog}}}',
      ),
    ).toEqual({ logging: { driver: 'syslog' } });
  });

  test('!reset removes and !override replaces what earlier files set', () => {
    expect(
      web(
        'services: {web: {image: a, ports: ["80:80"], environment: {A: 1, B: 2}, volumes: [x:/x]}}',
        'services:\n  web:\n    ports: !reset []\n    environment: !override {C: 3}\n    volumes: !override [y:/y]\n',
      ),
    ).toEqual({ image: 'a', environment: { C: 3 }, volumes: ['y:/y'] });
  });

  test('the winning value keeps the position of the file that set it', () => {
    const result = merge('services:\n  web:\n    image: a\n    restart: always\n', 'services:\n  web:\n    image: b\n');
    expect(at(result.result, 'services.web.image')?.pos).toEqual({ file: 'f1.yml', line: 3, column: 12 });
    expect(at(result.result, 'services.web.restart')?.pos).toEqual({ file: 'f0.yml', line: 4, column: 14 });
  });

  test('fails to override a mapping with a scalar, at the override', () => {
    const result = merge('services:\n  web:\n    deploy: {replicas: 1}\n', 'services:\n  web:\n    deploy: fast\n');
    expect(result.result).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'merge-type-mismatch', path: 'services.web.deploy', pos: { file: 'f1.yml', line: 3, column: 13 } }),
    ]);
  });

  test('unique sequences are de-duplicated within one file too: the last entry wins at the first place', () => {
    expect(
      web(
        'services:\n  web:\n    environment: [A=1, B=2, A=3]\n    secrets: [s1, {source: s2, target: /run/secrets/s1}]\n    volumes: [a:/data, b:/data]\n',
      ),
    ).toEqual({ environment: ['A=3', 'B=2'], secrets: [{ source: 's2', target: '/run/secrets/s1' }], volumes: ['b:/data'] });
  });

  test('tagged sequence items only change the file that carries them', () => {
    expect(web('services: {web: {dns: [a]}}', 'services:\n  web:\n    dns: [b, !reset c]\n')).toEqual({ dns: ['a', 'b'] });
  });

  test('ipam config entries merge by subnet', () => {
    const result = merge(
      'networks: {back: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}}}',
      'networks: {back: {ipam: {config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}, {subnet: 10.1.0.0/24}]}}}',
    );
    expect(toPlain(at(result.result, 'networks.back.ipam.config')!)).toEqual([
      { subnet: '10.0.0.0/24', gateway: '10.0.0.1', ip_range: '10.0.0.0/25' },
      { subnet: '10.1.0.0/24' },
    ]);
  });
});

