import type { Diagnostic } from '../../lib/errors';
import { PMap } from '../../lib/compose/tree';
import { parseCompose } from '../../lib/compose/parse';
import { normalize } from '../../lib/compose/normalize';
import { validateSchema, validateSemantics } from '../../lib/compose/validate';
import { closestKey, editDistance } from '../../lib/compose/validate/suggest';

function parse(yaml: string): PMap {
  const parsed = parseCompose(yaml, 'compose.yaml');
  expect(parsed.diagnostics).toEqual([]);
  return parsed.result?.[0] as PMap;
}

const where = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.pos?.line, d.pos?.column]);

describe('schema', () => {
  test('a valid file has no findings', () => {
    expect(validateSchema(parse('services:\n  web:\n    image: nginx\n    ports: ["80:80", {target: 443}]\n'))).toEqual([]);
  });

  test('a misspelt service key is one unknown-key at the key, with a suggestion', () => {
    const ds = validateSchema(parse('services:\n  web:\n    imgae: nginx\n'));
    expect(where(ds)).toEqual([['schema-unknown-key', 3, 5]]);
    expect(ds[0]).toMatchObject({ path: 'services.web.imgae', value: 'imgae' });
    expect(ds[0]?.fix).toContain('image');
  });

  test('an unknown key with nothing close gets no suggestion', () => {
    const ds = validateSchema(parse('services:\n  web:\n    image: nginx\n    frobnicate: 1\n'));
    expect(where(ds)).toEqual([['schema-unknown-key', 4, 5]]);
    expect(ds[0]?.fix).toContain('x-');
  });

  test('a typo inside a long-form port beats the other oneOf branches', () => {
    const ds = validateSchema(parse('services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        publishd: 8080\n'));
    expect(where(ds)).toEqual([['schema-unknown-key', 6, 9]]);
    expect(ds[0]?.fix).toContain('published');
  });

  test('a top-level typo is reported at the top-level key', () => {
    expect(where(validateSchema(parse('services:\n  web:\n    image: nginx\nvolumse:\n  data:\n')))).toEqual([
      ['schema-unknown-key', 4, 1],
    ]);
  });

  test('type errors from every branch merge into one at the value', () => {
    const ds = validateSchema(parse('services:\n  web:\n    image: nginx\n    environment: 5\n'));
    expect(where(ds)).toEqual([['schema-type', 4, 18]]);
    expect(ds[0]?.value).toBe('5');
  });

  test('an invalid depends_on condition is an enum error at the value', () => {
    const ds = validateSchema(
      parse('services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: started\n  db:\n    image: postgres\n'),
    );
    expect(where(ds)).toEqual([['schema-enum', 6, 20]]);
  });

  test('a missing required key is reported at its map', () => {
    expect(where(validateSchema(parse('services:\n  web:\n    image: nginx\n    volumes:\n      - source: data\n        target: /d\n')))).toEqual([
      ['schema-required', 5, 9],
    ]);
  });

  test('a range violation in the matching branch beats the other branch\'s type error', () => {
    expect(where(validateSchema(parse('services:\n  web:\n    image: nginx\n    cpu_percent: 200\n')))).toEqual([
      ['schema-invalid', 4, 18],
    ]);
  });

  test('an invalid service name is schema-invalid-name at the name', () => {
    expect(where(validateSchema(parse('services:\n  "my web":\n    image: nginx\n')))).toEqual([['schema-invalid-name', 2, 3]]);
  });

  test('separate problems are reported separately, in file order', () => {
    const ds = validateSchema(parse('services:\n  a:\n    imgae: x\n  b:\n    image: y\n    restrat: always\n'));
    expect(where(ds)).toEqual([
      ['schema-unknown-key', 3, 5],
      ['schema-unknown-key', 6, 5],
    ]);
  });

  test('x- extension keys are allowed at the top level and in services', () => {
    expect(validateSchema(parse('x-common: &c {a: 1}\nservices:\n  web:\n    image: nginx\n    x-webstack: {role: web}\n'))).toEqual([]);
  });

  test('1000 valid services validate without a finding', () => {
    const services = Array.from(
      { length: 1000 },
      (_, i) => `  svc${i}:\n    image: app:${i}\n    ports: ["${8000 + i}:80"]\n    environment: [A=1]\n    depends_on: [svc0]\n`,
    ).join('');
    const tree = parse(`services:\n${services}`);
    // How long it takes is the benchmark's to measure (npm run bench), not a timed test's.
    expect(validateSchema(tree)).toEqual([]);
  });
});

describe('cross-references', () => {
  const semantic = (yaml: string) => validateSemantics(normalize(parse(yaml), { workingDir: '/srv/shop', homeDir: '/home/dev' }).tree, (file) => file.endsWith('present.env'));

  test('a consistent project has no findings', () => {
    expect(
      semantic(
        'services:\n  web:\n    image: x\n    depends_on: [db]\n    networks: [back]\n    volumes: [data:/d, ./src:/src]\n    secrets: [pw]\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n  back:\nvolumes:\n  data:\nsecrets:\n  pw:\n    file: pw.txt\n',
      ),
    ).toEqual([]);
  });

  test('dangling depends_on is an error at the entry; required: false makes it info', () => {
    const ds = semantic(
      'services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_started\n        required: false\n',
    );
    expect(ds.map((d) => [d.code, d.severity, d.pos?.line, d.pos?.column])).toEqual([
      ['depends-on-undefined', 'error', 5, 7],
      ['depends-on-optional-undefined', 'info', 7, 7],
    ]);
  });

  test('a missing required env_file is an error at its path, as Compose refuses to load; an optional one is fine', () => {
    const ds = semantic('services:\n  web:\n    image: x\n    env_file:\n      - missing.env\n      - present.env\n      - path: optional.env\n        required: false\n');
    expect(ds.map((d) => [d.code, d.severity, d.pos?.line, d.pos?.column, d.value])).toEqual([['env-file-missing', 'error', 5, 9, '/srv/shop/missing.env']]);
  });

  test('undefined networks, volumes, secrets and configs', () => {
    expect(
      where(
        semantic(
          'services:\n  web:\n    image: x\n    networks: [front]\n    volumes: ["data:/d"]\n    secrets: [pw]\n    configs: [{source: nginx, target: /etc/nginx.conf}]\n',
        ),
      ),
    ).toEqual([
      ['network-undefined', 4, 16],
      ['volume-undefined', 5, 15],
      ['secret-undefined', 6, 15],
      ['config-undefined', 7, 15],
    ]);
  });

  test('dangling links, extends and network_mode service', () => {
    expect(
      where(semantic('services:\n  web:\n    image: x\n    links: ["db:database"]\n    extends: base\n    network_mode: service:vpn\n')),
    ).toEqual([
      ['links-undefined', 4, 13],
      ['extends-undefined', 5, 14],
      ['network-mode-service-undefined', 6, 19],
    ]);
  });

  test('service names that become the same DNS label collide', () => {
    expect(where(semantic('services:\n  web_app:\n    image: x\n  Web-App:\n    image: y\n'))).toEqual([['service-name-collision', 4, 3]]);
  });

  test('a service with neither image nor build is an error at its name', () => {
    expect(where(semantic('services:\n  web:\n    command: [run]\n'))).toEqual([['service-image-missing', 2, 3]]);
  });

  test('version is obsolete: info at the key', () => {
    const ds = validateSchema(parse('version: "3.8"\nservices:\n  web:\n    image: x\n'));
    expect(ds.map((d) => [d.code, d.severity, d.pos?.line, d.pos?.column])).toEqual([['version-obsolete', 'info', 1, 1]]);
  });
});

describe('did you mean', () => {
  test.each([
    ['imgae', 'image'],
    ['enviroment', 'environment'],
    ['depend_on', 'depends_on'],
    ['prots', 'ports'],
    ['zzz', undefined],
  ])('%s → %s', (typo, expected) => {
    expect(closestKey(typo, ['image', 'environment', 'depends_on', 'ports', 'expose', 'restart'])).toBe(expected);
  });

  test('a transposition is one edit', () => {
    expect(editDistance('imgae', 'image')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
