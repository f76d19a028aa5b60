import { PNode, isScalar, pscalar } from '../tree';
import { parseBytes } from './bytes';
import { formatDuration, parseDurationMs } from './durations';
import type { Rule } from './rule';

/**
 * Type casting by path, after interpolation: `read_only: ${RO}` arrives as the string "true" and must become a
 * boolean, `replicas: "${N}"` a number. compose-go casts every string at these paths (interpolated or quoted),
 * and so do we. Values already of the right type pass through.
 */

const TRUE = new Set(['y', 'yes', 'true', 'on']);
const FALSE = new Set(['n', 'no', 'false', 'off']);

/** Integers (`"3"` → 3). */
export const toInt: Rule = (node, ctx) =>
  castString(node, (s) => (/^[-+]?\d+$/.test(s) ? Number(s) : undefined), () =>
    ctx.report('cast-invalid', `${ctx.path} must be an integer`, node, 'write a whole number'),
  );

/**
 * File modes of secrets and configs in compose-go's printed form, an octal string (`0400` → `"0400"`). Like
 * compose-go, a number is taken as written (YAML `0400` is already 256) and a string is read as octal (`"440"`).
 */
export const toFileMode: Rule = (node, ctx) => {
  if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') return node;
  const mode = typeof node.value === 'number' ? node.value : /^[0-7]+$/.test(node.value.trim()) ? parseInt(node.value, 8) : NaN;
  if (!Number.isInteger(mode) || mode < 0) {
    ctx.report('cast-invalid', `${ctx.path} must be a file mode`, node, 'write an octal mode such as 0440');
    return node;
  }
  return pscalar(`0${mode.toString(8)}`, node.pos);
};

/** Floating-point numbers (`"0.5"` → 0.5). */
export const toFloat: Rule = (node, ctx) =>
  castString(node, (s) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined), () =>
    ctx.report('cast-invalid', `${ctx.path} must be a number`, node, 'write a number such as 0.5'),
  );

/** YAML 1.1 booleans as compose-go reads them (`yes`, `on`, `true`, `y` and their negatives, any case). */
export const toBool: Rule = (node, ctx) =>
  castString(
    node,
    (s) => (TRUE.has(s.toLowerCase()) ? true : FALSE.has(s.toLowerCase()) ? false : undefined),
    () => ctx.report('cast-invalid', `${ctx.path} must be a boolean`, node, 'write true or false'),
  );

/**
 * Booleans whose `false` is the default and which compose-go therefore omits from its JSON (`read_only`,
 * `privileged`, volume `read_only`, …): cast, and drop the key when false.
 */
export const toOptionalFlag: Rule = (node, ctx) => {
  const cast = toBool(node, ctx);
  return cast && isScalar(cast) && cast.value === false ? undefined : cast;
};

/** Durations into compose-go's printed form (`90s` → `1m30s`); the model parses them again into ms. */
export const toDuration: Rule = (node, ctx) => {
  if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') return node;
  const ms = parseDurationMs(node.value);
  if (ms === undefined) {
    ctx.report('duration-invalid', `${ctx.path} is not a duration`, node, 'write a duration such as 10s or 1m30s');
    return node;
  }
  return pscalar(formatDuration(ms), node.pos);
};

/** Byte sizes into compose-go's printed form, a decimal string of bytes (`512m` → `"536870912"`). */
export const toBytes: Rule = (node, ctx) => {
  if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') return node;
  const bytes = parseBytes(node.value);
  if (bytes === undefined) {
    ctx.report('bytes-invalid', `${ctx.path} is not a byte size`, node, 'write a size such as 512m or 1g');
    return node;
  }
  return pscalar(String(bytes), node.pos);
};

function castString(node: PNode, parse: (s: string) => number | boolean | undefined, fail: () => void): PNode {
  if (!isScalar(node) || typeof node.value !== 'string') return node;
  const value = parse(node.value.trim());
  if (value === undefined) {
    fail();
    return node;
  }
  return pscalar(value, node.pos);
}
