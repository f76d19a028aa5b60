import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';

/**
 * The official Compose JSON schema (compose-spec `schema/compose-spec.json`) as shipped by the npm package
 * `dclint` 3.1.0 (published 2026-03-24; `schemas/compose.schema.json`, draft-07). We take it from a maintained
 * package rather than writing our own so "valid compose" means what Docker Compose means; bump dclint to pick up
 * new Compose keys. dclint's `exports` map hides the file from `require`, hence the read via its package root.
 */
const SCHEMA_FILE = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');

/**
 * The validator `npm run build` precompiles next to this file (lib/compose/schema-standalone.ts). Compiling the
 * schema took 100-200 ms of every CLI run, more than half of converting a small stack (issue 5); loading the
 * generated code takes about 10. It exists only in build output, so tests from source compile at runtime.
 */
export const PRECOMPILED_VALIDATOR = path.join(__dirname, 'compose-schema.validator.js');

/**
 * Options of the one Ajv instance: `allErrors` lets us pick the most specific cause ourselves; `verbose` keeps
 * each error's `parentSchema`, where the did-you-mean candidates come from. The schema declares
 * `$schema: https://json-schema.org/draft-07/schema`, a spelling of draft-07 ajv does not register, so
 * meta-validation is off: the file is upstream's and is not ours to vet at every start.
 */
export function composeAjv(code?: Options['code']): Ajv {
  // Required here, not imported: a run that loads the precompiled validator never needs Ajv's compiler.
  const { default: AjvClass } = require('ajv') as typeof import('ajv');
  const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
  const ajv = new AjvClass({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateSchema: false, code });
  addFormats(ajv);
  return ajv;
}

/** The schema's text and its digest, which ties a precompiled validator to the schema it was compiled from. */
export function composeSchema(): { readonly schema: object; readonly digest: string } {
  const text = fs.readFileSync(SCHEMA_FILE, 'utf8');
  return { schema: JSON.parse(text) as object, digest: createHash('sha256').update(text).digest('hex') };
}

let compiled: ValidateFunction | undefined;

/** The precompiled validator when it was generated from the installed schema; a stale one is ignored. */
function precompiled(digest: string): ValidateFunction | undefined {
  if (!fs.existsSync(PRECOMPILED_VALIDATOR)) return undefined;
  const generated = require(PRECOMPILED_VALIDATOR) as ValidateFunction & { schemaDigest?: string };
  return generated.schemaDigest === digest ? generated : undefined;
}

/** The validator, built or loaded once per process: loads must share it. */
export function composeValidator(): ValidateFunction {
  if (!compiled) {
    const { schema, digest } = composeSchema();
    compiled = precompiled(digest) ?? composeAjv().compile(schema);
  }
  return compiled;
}

/** Validates plain compose data; the raw ajv errors (empty when valid). */
export function schemaErrors(data: unknown): readonly ErrorObject[] {
  const validate = composeValidator();
  return validate(data) ? [] : (validate.errors ?? []);
}
