import * as YAML from 'yaml';
import type { Diagnostic, SourcePosition } from '../errors';
import { diagnostic, type LoaderCode, type StageResult } from './codes';
import { goYamlNumber } from './go-yaml-scalars';
import { pmap, pscalar, pseq, type PBase, type PMap, type PMapEntry, type PNode, type PScalar } from './tree';

/**
 * The alias budget yaml enforces while resolving anchors. 100 is yaml's own default: generous for real stacks
 * (the opentelemetry demo aliases one anchor 28 times) and small enough that a billion-laughs file fails in
 * milliseconds instead of exhausting memory.
 */
const MAX_ALIAS_COUNT = 100;

const MERGE_TAGS = ['!reset', '!override'] as const;
type MergeTag = (typeof MERGE_TAGS)[number];

/**
 * `!reset` and `!override` may tag a mapping, a sequence or a scalar. Registering them for all three kinds keeps
 * yaml from warning about unknown tags; the tag stays on the node and the merge stage consumes it.
 */
const MERGE_TAG_DEFINITIONS: YAML.Tags = MERGE_TAGS.flatMap((tag) => [
  { tag, collection: 'map', nodeClass: YAML.YAMLMap, identify: () => false },
  { tag, collection: 'seq', nodeClass: YAML.YAMLSeq, identify: () => false },
  { tag, identify: () => false, resolve: (source: string) => source },
]) as YAML.Tags;

/** Marks a `<<` merge key among a map's keys (a symbol, so no string key can collide with it). */
const MERGE: unique symbol = Symbol('<<');

const YAML_ERROR_CODES: Partial<Record<YAML.ErrorCode, LoaderCode>> = {
  DUPLICATE_KEY: 'yaml-duplicate-key',
  TAG_RESOLVE_FAILED: 'yaml-unknown-tag',
  BAD_COLLECTION_TYPE: 'yaml-unknown-tag',
};

/**
 * Parses one compose file into positioned trees, one per YAML document (Compose merges the documents of a file
 * in order). An empty or comment-only file yields no documents. Never throws: YAML errors, duplicate keys,
 * alias bombs and non-mapping documents become diagnostics at file:line:column.
 */
export function parseCompose(text: string, file: string): StageResult<PMap[]> {
  const lineCounter = new YAML.LineCounter();
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const documents = YAML.parseAllDocuments(text, {
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
    customTags: MERGE_TAG_DEFINITIONS,
  });
  const diagnostics: Diagnostic[] = [];
  const trees: PMap[] = [];
  for (const document of Array.isArray(documents) ? documents : []) {
    const before = diagnostics.length;
    for (const problem of [...document.errors, ...document.warnings]) {
      const code = YAML_ERROR_CODES[problem.code] ?? 'yaml-syntax';
      diagnostics.push(diagnostic(code, problem.message.split('\n')[0] ?? problem.message, { pos: at(problem.pos[0]) }));
    }
    if (diagnostics.slice(before).some((d) => d.severity === 'error')) continue;
    const tree = documentToTree(document, at, diagnostics);
    if (tree) trees.push(tree);
  }
  return { result: diagnostics.some((d) => d.severity === 'error') ? undefined : trees, diagnostics };
}

function documentToTree(
  document: YAML.Document.Parsed,
  at: (offset: number) => SourcePosition,
  diagnostics: Diagnostic[],
): PMap | undefined {
  const contents = document.contents;
  // An empty document (a lone `---`) adds nothing; an explicit `~` or `null` is reported as not a mapping below.
  if (contents === null || (YAML.isScalar(contents) && contents.source === '' && !contents.tag)) return undefined;
  try {
    // toJS resolves every alias once with yaml's alias budget; it is cheap because alias results are shared, and
    // it rejects alias bombs and invalid merge sources before the tree walk below copies anything.
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const aliasBomb = /alias count/i.test(message);
    const fix = aliasBomb ? `use fewer nested aliases (at most ${MAX_ALIAS_COUNT} expansions per anchor)` : undefined;
    const offset = (aliasBomb ? firstAlias(document) : contents)?.range?.[0] ?? 0;
    diagnostics.push(diagnostic(aliasBomb ? 'yaml-alias-limit' : 'yaml-syntax', message, { pos: at(offset), fix }));
    return undefined;
  }
  const tree = new TreeBuilder(document, at, diagnostics).build(contents);
  if (tree?.kind === 'map') return tree;
  if (tree) {
    diagnostics.push(
      diagnostic('yaml-top-level-not-mapping', 'top-level object must be a mapping', {
        pos: tree.pos,
        fix: 'start the file with top-level keys such as `services:`',
      }),
    );
  }
  return undefined;
}

/** The first alias in the document: where an alias bomb starts to expand. */
function firstAlias(document: YAML.Document.Parsed): YAML.Alias | undefined {
  let found: YAML.Alias | undefined;
  YAML.visit(document, {
    Alias(_key, node) {
      found = node;
      return YAML.visit.BREAK;
    },
  });
  return found;
}

/** Walks yaml's AST into PNodes, expanding aliases and `<<` merge keys, keeping positions of keys and values. */
class TreeBuilder {
  constructor(
    private readonly document: YAML.Document.Parsed,
    private readonly at: (offset: number) => SourcePosition,
    private readonly diagnostics: Diagnostic[],
  ) {}

  build(node: unknown): PNode | undefined {
    if (YAML.isAlias(node)) return this.build(node.resolve(this.document));
    if (YAML.isScalar(node)) return this.scalar(node);
    if (YAML.isSeq(node)) {
      const items = node.items.map((item) => this.build(item) ?? pscalar(null, this.position(node)));
      return pseq(items, this.position(node), mergeTag(node));
    }
    if (YAML.isMap(node)) return pmap(this.entries(node), this.position(node), mergeTag(node));
    return undefined;
  }

  private scalar(node: YAML.Scalar): PScalar {
    const quoted = node.type !== undefined && node.type !== YAML.Scalar.PLAIN;
    const tag = mergeTag(node);
    // A merge tag resolves a plain scalar to its source text; re-resolve it so the tag does not change its type.
    const core = tag && !quoted && typeof node.source === 'string' ? (YAML.parse(node.source) as unknown) : node.value;
    const goNumber = !quoted && typeof node.source === 'string' ? goYamlNumber(node.source) : undefined;
    const raw = goNumber ?? core;
    const value = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : null;
    return { ...pscalar(value, this.position(node), quoted || undefined), ...(tag ? { tag } : {}) };
  }

  /**
   * Map entries in source order. `<<` merge sources contribute the keys the map does not set itself; with a list
   * of sources, earlier sources win (YAML merge-key semantics, as go-yaml implements them for Compose).
   */
  private entries(node: YAML.YAMLMap): PMapEntry[] {
    const pairs = node.items.map((pair): { pair: (typeof node.items)[number]; key: string | typeof MERGE | undefined } => ({
      pair,
      key: isMergeKey(pair.key) ? MERGE : this.key(pair.key),
    }));
    const explicit = new Set(pairs.map(({ key }) => key));
    const entries: PMapEntry[] = [];
    const seen = new Set<string>();
    for (const { pair, key } of pairs) {
      if (key === MERGE) {
        for (const entry of this.mergeSources(pair.value)) {
          if (explicit.has(entry.key) || seen.has(entry.key)) continue;
          seen.add(entry.key);
          entries.push(entry);
        }
      } else if (key !== undefined) {
        seen.add(key);
        const keyNode = YAML.isNode(pair.key) ? pair.key : undefined;
        const value = this.build(pair.value) ?? pscalar(null, this.position(keyNode));
        entries.push({ key, keyPos: this.position(keyNode), value });
      }
    }
    return entries;
  }

  private mergeSources(value: unknown): PMapEntry[] {
    const source = YAML.isAlias(value) ? value.resolve(this.document) : value;
    const maps = YAML.isSeq(source) ? source.items : [source];
    return maps.flatMap((item) => {
      const built = this.build(item);
      return built?.kind === 'map' ? built.entries : [];
    });
  }

  /**
   * Keys must be strings, as in compose-go (go-yaml decodes `80:` or `true:` as non-string keys and Compose
   * rejects them): a number, boolean, null or collection key is an error that suggests quoting it.
   */
  private key(node: unknown): string | undefined {
    if (YAML.isScalar(node) && typeof node.value === 'string') return node.value;
    this.diagnostics.push(
      diagnostic('yaml-non-string-key', 'mapping keys must be strings', {
        pos: this.position(YAML.isNode(node) ? node : undefined),
        value: YAML.isScalar(node) ? String(node.source ?? node.value) : undefined,
        fix: 'quote the key, e.g. "80":',
      }),
    );
    return undefined;
  }

  private position(node: YAML.Node | undefined): SourcePosition | undefined {
    return node?.range ? this.at(node.range[0]) : undefined;
  }
}

function isMergeKey(key: unknown): boolean {
  if (!YAML.isScalar(key) || (key.type !== undefined && key.type !== YAML.Scalar.PLAIN)) return false;
  return key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<');
}

function mergeTag(node: YAML.Node): PBase['tag'] {
  return MERGE_TAGS.find((tag): tag is MergeTag => tag === node.tag);
}
