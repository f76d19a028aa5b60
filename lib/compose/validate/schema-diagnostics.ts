import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../../errors';
import { PMap, PNode, at, isMap, isScalar } from '../tree';
import { ValidateCode, validateDiagnostic } from './codes';
import { closestKey } from './suggest';

/**
 * Turns ajv's error list into one diagnostic per real problem, at the offending key or value.
 *
 * With `allErrors`, one typo inside a `oneOf` (ports, volumes, depends_on, build are all "short or long
 * syntax") yields an error from every branch: "must be string", "must be number", and the one that matters,
 * "must NOT have additional property `publishd`" one level deeper. The most specific cause wins: an error is
 * dropped when another error points deeper into the same value (an unknown key counts as one level below its
 * map), and among errors at one path the keyword priority below decides; type errors at one path merge into
 * "must be A or B".
 */
export function schemaDiagnostics(tree: PMap, errors: readonly ErrorObject[]): Diagnostic[] {
  const causes = errors.map((error) => ({ error, segments: causeSegments(error) }));
  const specific = causes.filter(
    (c) => !causes.some((o) => o.segments.length > c.segments.length && isPrefix(c.segments, o.segments)),
  );
  const byPath = new Map<string, ErrorObject[]>();
  for (const c of specific) {
    const key = c.segments.join('\u0000');
    byPath.set(key, [...(byPath.get(key) ?? []), c.error]);
  }
  return [...byPath.values()].map((group) => describe(tree, group));
}

/**
 * Lower wins: what tells the author most precisely what to change. A `type` error ranks last but for the
 * combinators themselves: when the value has the type of one `oneOf` branch, the other branches' "must be
 * string" is noise and the matching branch's complaint (`required`, `maximum`, …) is the cause.
 */
const PRIORITY: Readonly<Record<string, number>> = {
  additionalProperties: 0,
  enum: 1,
  const: 1,
  required: 2,
  pattern: 3,
  uniqueItems: 4,
  type: 8,
  oneOf: 9,
  anyOf: 9,
  if: 9,
};
const OTHER_KEYWORD = 7;

function describe(tree: PMap, group: readonly ErrorObject[]): Diagnostic {
  const rank = (e: ErrorObject): number => PRIORITY[e.keyword] ?? OTHER_KEYWORD;
  const best = [...group].sort((a, b) => rank(a) - rank(b))[0] as ErrorObject;
  const segments = pointerSegments(best.instancePath);
  const node = at(tree, segments);
  const path = segments.join('.');
  const value = node && isScalar(node) && node.value !== null ? String(node.value) : undefined;
  switch (best.keyword) {
    case 'additionalProperties':
      return unknownKey(best, node, segments);
    case 'type': {
      const types = [...new Set(group.filter((e) => e.keyword === 'type').flatMap((e) => String(e.params.type).split(',')))];
      return diag('schema-type', `${path} must be ${types.join(' or ')}`, node, path, value, `write a value of type ${types.join(' or ')}`);
    }
    case 'enum': {
      const allowed = (best.params.allowedValues as unknown[]).map(String);
      return diag('schema-enum', `${path} must be one of ${allowed.join(', ')}`, node, path, value, `use one of ${allowed.join(', ')}`);
    }
    case 'required': {
      const missing = String(best.params.missingProperty);
      return diag('schema-required', `${path} needs ${missing}`, node, path, undefined, `add ${missing}`);
    }
    case 'pattern': {
      const pattern = String(best.params.pattern);
      return diag('schema-pattern', `${path} does not match ${pattern}`, node, path, value, `write a value matching ${pattern}`);
    }
    case 'uniqueItems':
      return diag('schema-duplicate-item', `${path} repeats an item`, node, path, undefined, 'remove the duplicate');
    default:
      return diag('schema-invalid', `${path || 'the file'} ${best.message ?? 'is invalid'}`, node, path, value, `see ${path || 'the top level'} in the Compose specification`);
  }
}

function unknownKey(error: ErrorObject, map: PNode | undefined, segments: readonly string[]): Diagnostic {
  const key = String(error.params.additionalProperty);
  const entry = isMap(map) ? map.entries.find((e) => e.key === key) : undefined;
  const path = [...segments, key].join('.');
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const known = Object.keys(parent?.properties ?? {});
  if (known.length === 0) {
    return validateDiagnostic('schema-invalid-name', `${key} is not a valid name`, {
      pos: entry?.keyPos,
      path,
      value: key,
      fix: 'use only letters, digits, ".", "_" and "-"',
    });
  }
  const suggestion = closestKey(key, known);
  return validateDiagnostic('schema-unknown-key', `unknown key ${key}${suggestion ? `; did you mean ${suggestion}?` : ''}`, {
    pos: entry?.keyPos,
    path,
    value: key,
    fix: suggestion ? `rename it to ${suggestion}` : `remove it, or prefix it with x- to keep it as an extension`,
  });
}

function diag(code: ValidateCode, message: string, node: PNode | undefined, path: string, value?: string, fix?: string): Diagnostic {
  return validateDiagnostic(code, message, { pos: node?.pos, path, value, fix });
}

/** Where the error's cause sits: an unknown key is one level below the map that holds it. */
function causeSegments(error: ErrorObject): string[] {
  const segments = pointerSegments(error.instancePath);
  return error.keyword === 'additionalProperties' ? [...segments, String(error.params.additionalProperty)] : segments;
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isPrefix(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.every((s, i) => of[i] === s);
}
