import * as YAML from 'yaml';

/**
 * Manifests as multi-document YAML that every Kubernetes YAML reader reads back as written. cdk8s writes YAML 1.1
 * (so `yes`, `on`, `1e3`, `~` are already quoted), but Kubernetes' reader (sigs.k8s.io/yaml on go-yaml v2) also
 * resolves plain scalars with Go's `strconv.ParseInt(s, 0, 64)`, which reads `0o17` as 15 and `0b101` as 5:
 * such strings are double-quoted too. Otherwise the output is byte for byte what cdk8s's `Yaml.stringify` gives.
 *
 * Speed: the library builds a node tree per object and re-derives each scalar's style from its schema, which was
 * 40 % of a 1000-service conversion. Manifests repeat few distinct scalars and only use block maps and sequences,
 * so the layout (indentation, `- `, `key:`) is written here and every scalar's text is asked of the library once
 * and reused. An object holding anything else (a multi-line string, a key the library writes as `? key`, a value
 * that is not plain JSON) is written by the library whole. `test/yaml-output.test.ts` holds the two paths equal.
 */
export function stringifyManifests(objects: readonly unknown[]): string {
  const scalars = new ScalarTexts();
  return objects.map((object) => layOutDocument(object, scalars) ?? stringifyWithLibrary(object)).join('---\n');
}

/** One manifest as the library writes it (the reference the layout must equal), Go integers double-quoted. */
export function stringifyWithLibrary(object: unknown): string {
  // Most objects hold no such string: those take the direct path, which builds no document to visit.
  if (!holdsGoInteger(object)) return YAML.stringify(object, LIBRARY_OPTIONS);
  const document = new YAML.Document(object, { version: LIBRARY_OPTIONS.version, keepUndefined: LIBRARY_OPTIONS.keepUndefined });
  YAML.visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && GO_INTEGER.test(node.value)) node.type = YAML.Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString({ lineWidth: LIBRARY_OPTIONS.lineWidth });
}

/** cdk8s's `Yaml.stringify` options: YAML 1.1, no folding. */
const LIBRARY_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

type Scalar = string | number | boolean | null;
type JsonMap = { readonly [key: string]: unknown };

/**
 * The library's text for each scalar in each place it can stand (map key, map value, sequence item), computed once
 * per distinct scalar. `undefined` when the library writes it over several lines or as an explicit `? key`.
 */
class ScalarTexts {
  private readonly topKeys = new Map<string, string | undefined>();
  private readonly keys = new Map<string, string | undefined>();
  private readonly values = new Map<Scalar, string | undefined>();
  private readonly items = new Map<Scalar, string | undefined>();

  /** A key at column 0 is quoted when it reads as a document marker (`---`, `...`); deeper it is not. */
  public key(key: string, indent: number): string | undefined {
    if (indent === 0) return cached(this.topKeys, key, () => between(stringifyWithLibrary({ [key]: 0 }), '', ': 0\n'));
    return cached(this.keys, key, () => between(stringifyWithLibrary({ k: { [key]: 0 } }), 'k:\n  ', ': 0\n'));
  }

  public value(value: Scalar): string | undefined {
    return cached(this.values, value, () => between(stringifyWithLibrary({ k: value }), 'k: ', '\n'));
  }

  public item(value: Scalar): string | undefined {
    return cached(this.items, value, () => between(stringifyWithLibrary({ k: [value] }), 'k:\n  - ', '\n'));
  }
}

function cached<K>(cache: Map<K, string | undefined>, key: K, compute: () => string | undefined): string | undefined {
  if (cache.has(key)) return cache.get(key);
  const text = compute();
  cache.set(key, text);
  return text;
}

/** The one-line text between `prefix` and `suffix` of the library's output, if that is its whole shape. */
function between(output: string, prefix: string, suffix: string): string | undefined {
  if (!output.startsWith(prefix) || !output.endsWith(suffix)) return undefined;
  const text = output.slice(prefix.length, output.length - suffix.length);
  return text.includes('\n') || text.startsWith('? ') ? undefined : text;
}

/** The document's text, or `undefined` when something in it must be written by the library. */
function layOutDocument(object: unknown, scalars: ScalarTexts): string | undefined {
  if (!isJsonMap(object)) return undefined;
  if (Object.keys(object).length === 0) return '{}\n';
  const out: string[] = [];
  return layOutMap(object, 0, '', out, scalars) ? out.join('') : undefined;
}

/**
 * A non-empty map whose keys stand at `indent`; its first line starts with `lead` instead of the indentation (the
 * `- ` of a sequence item).
 */
function layOutMap(map: JsonMap, indent: number, lead: string, out: string[], scalars: ScalarTexts): boolean {
  let first = true;
  for (const key of Object.keys(map)) {
    const keyText = scalars.key(key, indent);
    if (keyText === undefined) return false;
    out.push(first ? lead : spaces(indent), keyText, ':');
    first = false;
    const value = map[key];
    if (isScalar(value)) {
      const text = scalars.value(value);
      if (text === undefined) return false;
      out.push(' ', text, '\n');
    } else if (!layOutNested(value, indent + 2, out, scalars)) {
      return false;
    }
  }
  return true;
}

/** A non-empty sequence whose `- ` stand at `indent`; its first line starts with `lead`. */
function layOutSequence(items: readonly unknown[], indent: number, lead: string, out: string[], scalars: ScalarTexts): boolean {
  let first = true;
  for (const item of items) {
    const itemLead = `${first ? lead : spaces(indent)}- `;
    first = false;
    if (isScalar(item)) {
      const text = scalars.item(item);
      if (text === undefined) return false;
      out.push(itemLead, text, '\n');
    } else if (isEmptyCollection(item)) {
      out.push(itemLead, Array.isArray(item) ? '[]' : '{}', '\n');
    } else if (Array.isArray(item)) {
      if (!layOutSequence(item, indent + 2, itemLead, out, scalars)) return false;
    } else if (!isJsonMap(item) || !layOutMap(item, indent + 2, itemLead, out, scalars)) {
      return false;
    }
  }
  return true;
}

/** A collection after `key:`: `{}`/`[]` on the line, else its lines below (sequences indented, as cdk8s writes). */
function layOutNested(value: unknown, indent: number, out: string[], scalars: ScalarTexts): boolean {
  if (isEmptyCollection(value)) {
    out.push(Array.isArray(value) ? ' []\n' : ' {}\n');
    return true;
  }
  out.push('\n');
  if (Array.isArray(value)) return layOutSequence(value, indent, spaces(indent), out, scalars);
  return isJsonMap(value) && layOutMap(value, indent, spaces(indent), out, scalars);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isJsonMap(value: unknown): value is JsonMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isEmptyCollection(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : isJsonMap(value) && Object.keys(value).length === 0;
}

const INDENTS: string[] = [];
function spaces(indent: number): string {
  return (INDENTS[indent] ??= ' '.repeat(indent));
}

/**
 * True when a string somewhere in `value` (keys included) reads as a Go integer in a form other than plain
 * decimal digits, which YAML 1.1 quotes anyway (`"5"`, `"017"`): `0o17`, `0b101`, `0x1F`, `1_000`.
 */
function holdsGoInteger(value: unknown): boolean {
  if (typeof value === 'string') return isPrefixedGoInteger(value);
  if (Array.isArray(value)) return value.some(holdsGoInteger);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, v]) => isPrefixedGoInteger(key) || holdsGoInteger(v));
  return false;
}

function isPrefixedGoInteger(text: string): boolean {
  return !/^[-+]?\d+$/.test(text) && GO_INTEGER.test(text);
}

/** What Go's `strconv.ParseInt(s, 0, 64)` accepts: decimal, `0b`, `0o`, `0x` and leading-zero octal, `_` between digits. */
const GO_INTEGER = /^[-+]?(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/;
