import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The official Compose JSON schema (compose-spec `schema/compose-spec.json`) as shipped by the npm package
 * `dclint` 3.1.0 (published 2026-03-24; `schemas/compose.schema.json`, draft-07). We take it from a maintained
 * package rather than writing our own so "valid compose" means what Docker Compose means; bump dclint to pick up
 * new Compose keys. dclint's `exports` map hides the file from `require`, hence the read via its package root.
 */
const SCHEMA_FILE = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');

let compiled: ValidateFunction | undefined;

/**
 * The compiled validator, built once per process: compiling takes tens of milliseconds, validating a
 * 1000-service file a few, so loads must share it. `allErrors` lets us pick the most specific cause ourselves;
 * `verbose` keeps each error's `parentSchema`, where the did-you-mean candidates come from. The schema declares
 * `$schema: https://json-schema.org/draft-07/schema`, a spelling of draft-07 ajv does not register, so
 * meta-validation is off: the file is upstream's and is not ours to vet at every start.
 */
export function composeValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateSchema: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  return compiled;
}

/** Validates plain compose data; the raw ajv errors (empty when valid). */
export function schemaErrors(data: unknown): readonly ErrorObject[] {
  const validate = composeValidator();
  return validate(data) ? [] : (validate.errors ?? []);
}
