import type { Diagnostic } from '../errors';
import { PMap, toPlain } from './tree';
import { schemaErrors } from './schema';
import { schemaDiagnostics } from './validate/schema-diagnostics';
import { obsoleteKeyDiagnostics, semanticDiagnostics } from './validate/semantics';

/**
 * Stage "validate", in two halves that run on either side of normalization, as in compose-go: the Compose
 * JSON schema judges the tree the author wrote (so an unknown key is reported where it was typed, in the
 * syntax it was typed in), the cross-reference checks judge the normalized tree (one shape per key).
 */

/** Schema check of the merged, interpolated tree (one diagnostic per real problem), plus obsolete keys. */
export function validateSchema(tree: PMap): Diagnostic[] {
  return [...schemaDiagnostics(tree, schemaErrors(toPlain(tree))), ...obsoleteKeyDiagnostics(tree)];
}

/** Cross-reference checks of the normalized tree (dangling names, DNS collisions, missing env files). */
export function validateSemantics(normalized: PMap, exists: (file: string) => boolean): Diagnostic[] {
  return semanticDiagnostics(normalized, exists);
}
