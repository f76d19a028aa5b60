/**
 * Plain data written as TypeScript source a person would write: identifier keys unquoted, strings in single
 * quotes, short lists of scalars on one line, everything else one entry per line with a trailing comma. Multi-line
 * strings become template literals, so a mounted config file reads as the file. Undefined fields are left out.
 */
export function tsValue(value: unknown, indent = ''): string {
  if (value instanceof TsCode) return value.code;
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return tsArray(value, indent);
  if (typeof value === 'object') return tsObject(value as Record<string, unknown>, indent);
  throw new Error(`cannot write ${typeof value} as TypeScript data`);
}

/** Source code to write as it is, in place of a value (a call that computes it). */
export class TsCode {
  constructor(public readonly code: string) {}
}

/** A string literal: single-quoted, or a template literal when it spans lines. */
export function tsString(text: string): string {
  if (text.includes('\n') && !/[\u0000-\u0008\u000b-\u001f\u2028\u2029]/.test(text)) {
    return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  }
  // Double quotes when that spares escaping single ones (a shell command with '' in it), as a person would write it.
  if (text.includes("'") && !text.includes('"')) return JSON.stringify(text);
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A key as written in an object literal. */
export function tsKey(key: string): string {
  // `__proto__: v` in a literal sets the prototype instead of a key: only a computed key makes it a key.
  if (key === '__proto__') return `[${tsString(key)}]`;
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** Member access for a key: `.name` when it is an identifier, else `['a-b']`. */
export function tsMember(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${tsString(key)}]`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Longest one-line form of a list of scalars, and of an object of scalars (`{ name: 'http', port: 8000 }`). */
const INLINE_WIDTH = 100;
const INLINE_OBJECT_WIDTH = 80;

function tsArray(items: readonly unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  const inner = `${indent}  `;
  if (items.every((item) => item === null || typeof item !== 'object')) {
    const inline = `[${items.map((item) => tsValue(item)).join(', ')}]`;
    if (inline.length <= INLINE_WIDTH && !inline.includes('\n')) return inline;
  }
  return `[\n${items.map((item) => `${inner}${tsValue(item, inner)},\n`).join('')}${indent}]`;
}

function tsObject(object: Record<string, unknown>, indent: string): string {
  const entries = Object.entries(object).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => v === null || typeof v !== 'object')) {
    const inline = `{ ${entries.map(([key, v]) => `${tsKey(key)}: ${tsValue(v)}`).join(', ')} }`;
    if (inline.length <= INLINE_OBJECT_WIDTH && !inline.includes('\n')) return inline;
  }
  const inner = `${indent}  `;
  return `{\n${entries.map(([key, v]) => `${inner}${tsKey(key)}: ${tsValue(v, inner)},\n`).join('')}${indent}}`;
}

/** A camelCase identifier for a name such as `orders-db` or `2fa_api`, never a reserved word. */
export function tsIdentifier(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  const identifier = /^[A-Za-z_$]/.test(camel) ? camel : `service${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
  return RESERVED.has(identifier) ? `${identifier}Service` : identifier;
}

/** A PascalCase type name for a name such as `orders-db`. */
export function tsTypeName(name: string): string {
  const identifier = tsIdentifier(name);
  return identifier.charAt(0).toUpperCase() + identifier.slice(1);
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private ' +
    'protected public static yield any boolean constructor declare get module require number set string symbol type from of app stack'
  ).split(' '),
);
