import * as fs from 'fs';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';
import { composeAjv, composeSchema } from '../../lib/compose/schema';
import { standaloneValidatorSource } from '../../lib/compose/schema-standalone';

/** Documents that fail in different parts of the schema: a typo, wrong types, a bad port, a bad duration. */
const DOCUMENTS: readonly unknown[] = [
  { services: { web: { image: 'nginx:1.27', ports: ['8080:80'] } } },
  { services: { web: { imagee: 'nginx:1.27' } } },
  { services: { web: { image: 'x:1', ports: [{ target: 'eighty', published: {} }] } } },
  { services: { web: { image: 'x:1', healthcheck: { interval: 5, test: 7 } } } },
  { services: { web: { image: 'x:1', deploy: { resources: { limits: { cpus: [] } } } } }, volumes: { data: 3 } },
  { version: 3, services: [] },
];

describe('precompiled compose schema validator', () => {
  let generated: ValidateFunction & { schemaDigest?: string };
  // Inside the project, so the generated code's require('ajv/...') resolves as it does from build/.
  const cache = path.resolve(__dirname, '..', '..', 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'schema-standalone-'));

  beforeAll(() => {
    const file = path.join(dir, 'validator.js');
    fs.writeFileSync(file, standaloneValidatorSource());
    generated = require(file) as typeof generated;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(DOCUMENTS.map((d, i) => [i, d] as const))('document %i: same verdict and errors as the runtime-compiled one', (_i, document) => {
    const runtime = composeAjv().compile(composeSchema().schema);
    expect(generated(document)).toBe(runtime(document));
    expect(generated.errors ?? null).toEqual(runtime.errors ?? null);
  });

  test('is tagged with the digest of the installed schema', () => {
    expect(generated.schemaDigest).toBe(composeSchema().digest);
  });
});
