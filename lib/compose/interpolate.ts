import type { Diagnostic, SourcePosition } from '../errors';
import { diagnostic, type LoaderCode, type StageResult } from './codes';
import { hasTemplate, substitute, type Lookup, type TemplateProblemKind } from './template';
import type { PMap, PNode, PScalar } from './tree';

const PROBLEM_CODES: Record<TemplateProblemKind, LoaderCode> = {
  unset: 'interpolation-unset',
  'required-unset': 'interpolation-required-unset',
  syntax: 'interpolation-syntax',
};

/**
 * Substitutes variables in every string value of a compose document, as compose-go does before anything else
 * looks at the values: keys are left alone, `x-` extensions are interpolated too, and numbers and booleans are
 * untouched. Results stay strings (`read_only: ${RO}` becomes the string "true"); the normalize stage casts them
 * by path, like compose-go's type-cast table. The result is undefined when any value fails to interpolate.
 */
export function interpolateTree(tree: PMap, lookup: Lookup): StageResult<PMap> {
  const diagnostics: Diagnostic[] = [];
  const result = interpolateNode(tree, [], lookup, diagnostics) as PMap;
  return { result: diagnostics.some((d) => d.severity === 'error') ? undefined : result, diagnostics };
}

function interpolateNode(node: PNode, path: string[], lookup: Lookup, diagnostics: Diagnostic[]): PNode {
  switch (node.kind) {
    case 'map':
      return {
        ...node,
        entries: node.entries.map((e) => ({ ...e, value: interpolateNode(e.value, [...path, e.key], lookup, diagnostics) })),
      };
    case 'seq':
      return { ...node, items: node.items.map((item, i) => interpolateNode(item, [...path, String(i)], lookup, diagnostics)) };
    case 'scalar':
      return interpolateScalar(node, path.join('.'), lookup, diagnostics);
  }
}

function interpolateScalar(node: PScalar, path: string, lookup: Lookup, diagnostics: Diagnostic[]): PScalar {
  if (typeof node.value !== 'string' || !hasTemplate(node.value)) return node;
  const text = node.value;
  const { value, problems } = substitute(text, lookup);
  for (const problem of problems) {
    diagnostics.push(
      diagnostic(PROBLEM_CODES[problem.kind], problem.message, {
        pos: positionInScalar(node, problem.offset),
        path,
        value: text,
        fix: problem.name
          ? `set ${problem.name} in the environment, in .env or in an --env-file, or give a default: \${${problem.name}:-value}`
          : 'write a literal $ as $$',
      }),
    );
  }
  return { ...node, value: value ?? text };
}

/**
 * The position of a character inside a scalar. Exact for single-line scalars (plain, or quoted without escapes
 * before the offset); for multi-line values the scalar's own start is the best honest answer.
 */
function positionInScalar(node: PScalar, offset: number): SourcePosition | undefined {
  if (!node.pos || typeof node.value !== 'string' || node.value.includes('\n')) return node.pos;
  return { ...node.pos, column: node.pos.column + offset + (node.quoted ? 1 : 0) };
}
