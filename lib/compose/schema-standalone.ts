/**
 * Precompiles the Compose schema validator into build output (`npm run build` runs this after tsc), so the CLI
 * loads generated code instead of compiling the schema at every start. Ajv's standalone code is the same
 * validator `composeAjv().compile()` builds at runtime, errors included (`verbose` schema references are
 * emitted as constants); formats come from ajv-formats' own module, as its documentation prescribes.
 *
 * Usage: `node build/lib/compose/schema-standalone.js`
 */
import * as fs from 'fs';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { composeAjv, composeSchema, PRECOMPILED_VALIDATOR } from './schema';

/** CommonJS source of the validator, tagged with the digest of the schema it checks against. */
export function standaloneValidatorSource(): string {
  const { schema, digest } = composeSchema();
  const ajv = composeAjv({ source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return `${code}\nmodule.exports.schemaDigest = ${JSON.stringify(digest)};\n`;
}

if (require.main === module) {
  fs.writeFileSync(PRECOMPILED_VALIDATOR, standaloneValidatorSource());
}
