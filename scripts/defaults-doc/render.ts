import type { Override, OverrideGuide, OverrideTable } from './overrides';
import type { ConstDocs, KeyDoc, KeyPath, NumberSpelling } from './read-docs';

/** Why lib/defaults.ts cannot be documented as it stands. Each list holds const names or `CONST.key.path`s. */
export class DefaultsDocError extends Error {
  public constructor(
    /** Exported consts without a JSDoc comment. */
    public readonly withoutDoc: readonly string[],
    /** Consts in the source that the loaded module does not export (a stale build). */
    public readonly withoutValue: readonly string[],
    /** Values no entry of the override table covers. */
    public readonly withoutOverride: readonly string[],
    /** Override entries and notes that cover no value (a renamed or removed default). */
    public readonly staleOverrides: readonly string[],
  ) {
    super([
      withoutDoc.length ? `defaults without a doc comment: ${withoutDoc.join(', ')}` : '',
      withoutValue.length ? `defaults the module does not export: ${withoutValue.join(', ')}` : '',
      withoutOverride.length ? `defaults without an "override with" entry in scripts/defaults-doc/overrides.ts: ${withoutOverride.join(', ')}` : '',
      staleOverrides.length ? `override entries or notes that match no default: ${staleOverrides.join(', ')}` : '',
    ].filter(Boolean).join('; '));
    this.name = 'DefaultsDocError';
  }
}

interface Leaf {
  readonly path: KeyPath;
  readonly value: unknown;
}

interface ResolvedOverride {
  readonly entry: string;
  readonly override: Override;
  /** The key path below the entry, which `{key}` stands for. */
  readonly rest: KeyPath;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested objects become one leaf per key path; arrays and scalars are leaves. */
function leaves(value: unknown, path: KeyPath = []): Leaf[] {
  return isPlainObject(value) ? Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key])) : [{ path, value }];
}

/** A value as it is written in lib/defaults.ts. */
function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{ ${Object.entries(value).map(([key, child]) => `${IDENTIFIER.test(key) ? key : literal(key)}: ${literal(child)}`).join(', ')} }`;
  }
  return String(value);
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** Table cells are one line, and a bare `|` would end the cell. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** A list of objects gets one line per object; anything else is one literal; `0o440` keeps its spelling. */
function valueCell(value: unknown, spelling: NumberSpelling | undefined): string {
  if (Array.isArray(value) && value.some(isPlainObject)) return value.map((item) => code(literal(item))).join('<br>');
  return spelling ? `${code(spelling.text)} (${literal(value)})` : code(literal(value));
}

function overrideCell({ override, rest }: ResolvedOverride): string {
  return 'prop' in override ? override.prop.replace('{key}', rest.join('.')) : `fixed: ${override.fixed}`;
}

/** The longest entry that is the const or a key path above the value. */
function resolveOverride(table: OverrideTable, name: string, path: KeyPath): ResolvedOverride | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const entry = [name, ...path.slice(0, depth)].join('.');
    const override = Object.hasOwn(table, entry) ? table[entry] : undefined;
    if (override) return { entry, override, rest: path.slice(depth) };
  }
  return undefined;
}

function startsWith(path: KeyPath, prefix: KeyPath): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

function samePath(a: KeyPath, b: KeyPath): boolean {
  return a.length === b.length && startsWith(a, b);
}

/** A documented key's comment goes on the first row below it, so a group's comment is not repeated per value. */
function descriptions(keyDocs: readonly KeyDoc[], rows: readonly Leaf[]): string[] {
  const shown = new Set<KeyDoc>();
  return rows.map((row) => {
    const docs = keyDocs.filter((d) => !shown.has(d) && startsWith(row.path, d.path));
    docs.forEach((d) => shown.add(d));
    return docs.map((d) => d.doc).join(' ');
  });
}

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

const INTRO = [
  '# Defaults',
  '',
  '<!-- Generated from lib/defaults.ts by `npm run docs` (scripts/defaults-doc.ts). Do not edit by hand:',
  '     test/docs/defaults-doc.test.ts fails when this file differs from a fresh render. -->',
  '',
  'Every default the constructs apply is decided in [`lib/defaults.ts`](../lib/defaults.ts); this page is generated',
  'from it, one section per exported const, in source order. Each row gives a value, its comment in the source, and',
  'how to change it:',
  '',
  '- a prop and the classes that take it: `resources.requests.cpu` on Backend means',
  "  `new Backend(stack, 'backend', { image, resources: { requests: { cpu: '500m' } } })`. `StandardWebStack` passes",
  '  the same props on through its `postgres`, `redis`, `backend`, `frontend`, `celeryWorker`, `celeryBeat` and',
  '  `proxy` props, and takes the `WebStack` props itself;',
  '- **fixed**: no prop changes it, and why.',
  '',
];

/**
 * Renders docs/defaults.md from the consts' JSDoc (from the source) and their values (from the loaded module).
 * Throws a DefaultsDocError listing every default that lacks a doc comment or an override entry, and every
 * override entry or note that matches nothing, so the page cannot silently leave one out or go stale.
 */
export function renderDefaultsDoc(consts: readonly ConstDocs[], values: Readonly<Record<string, unknown>>, guide: OverrideGuide): string {
  const withoutDoc: string[] = [];
  const withoutValue: string[] = [];
  const withoutOverride: string[] = [];
  const usedEntries = new Set<string>();
  const sections = consts.flatMap((c) => {
    if (!c.doc) withoutDoc.push(c.name);
    if (!Object.hasOwn(values, c.name)) {
      withoutValue.push(c.name);
      return [];
    }
    const rows = leaves(values[c.name]);
    const about = descriptions(c.keyDocs, rows);
    const lines = rows.map((row, i) => {
      const resolved = resolveOverride(guide.overrides, c.name, row.path);
      if (resolved) usedEntries.add(resolved.entry);
      else withoutOverride.push([c.name, ...row.path].join('.'));
      const key = row.path.length ? row.path.join('.') : c.name;
      const spelling = c.spellings.find((n) => samePath(n.path, row.path));
      return `| ${[code(key), valueCell(row.value, spelling), about[i] ?? '', resolved ? overrideCell(resolved) : ''].map(cell).join(' | ')} |`;
    });
    const note = guide.notes[c.name];
    return [`## ${c.name}`, '', c.doc, '', '| key | value | description | override with |', '| --- | --- | --- | --- |', ...lines, '', ...(note ? [note, ''] : [])];
  });
  const documented = new Set(consts.map((c) => c.name));
  const staleOverrides = [
    ...Object.keys(guide.overrides).filter((entry) => !usedEntries.has(entry)),
    ...Object.keys(guide.notes).filter((name) => !documented.has(name)),
  ].sort();
  if (withoutDoc.length || withoutValue.length || withoutOverride.length || staleOverrides.length) {
    throw new DefaultsDocError(withoutDoc, withoutValue, withoutOverride, staleOverrides);
  }
  const contents = consts.map((c) => `[${c.name}](#${anchor(c.name)})`).join(' · ');
  return [...INTRO, `Contents: ${contents}`, '', ...sections].join('\n');
}
