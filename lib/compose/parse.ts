import * as YAML from 'yaml';
import type { Diagnostic, SourcePosition } from '../errors';
import { diagnostic, type LoaderCode, type StageResult } from './codes';
import { goYamlNumber } from './go-yaml-scalars';
import { pmap, pscalar, pseq, type PBase, type PMap, type PMapEntry, type PNode, type PScalar } from './tree';

/**
 * The alias budget, as go-yaml v3 (the parser inside Compose) bounds it: not a count of aliases (a real 57-service
 * file uses 142) but the share of nodes that come from expanding aliases. Past 100 expanded nodes and 1000 nodes
 * in all, at most 99 % of the nodes may come from aliases in a document of up to 400,000 nodes, falling linearly
 * to 10 % at 4,000,000: a billion-laughs file fails after a few thousand nodes, in milliseconds.
 */
const ALIAS_BUDGET = { minAliased: 100, minDecoded: 1000, low: 400_000, high: 4_000_000, lowRatio: 0.99, highRatio: 0.1 } as const;

/** go-yaml v3's `allowedAliasRatio`. */
function allowedAliasRatio(decoded: number): number {
  const { low, high, lowRatio, highRatio } = ALIAS_BUDGET;
  if (decoded <= low) return lowRatio;
  if (decoded >= high) return highRatio;
  return lowRatio - (lowRatio - highRatio) * ((decoded - low) / (high - low));
}

/** An alias that expands too much, or refers to a node that contains it: the document cannot be built. */
class AliasError extends Error {
  constructor(
    readonly code: 'yaml-alias-limit' | 'yaml-alias-cycle' | 'yaml-syntax',
    message: string,
    readonly alias: YAML.Alias,
  ) {
    super(message);
  }
}

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
    // Duplicate keys are found while building the tree (TreeBuilder.entries), with a set per mapping: the
    // library compares each key with every earlier one, quadratic in a 5000-service `services:` mapping.
    uniqueKeys: false,
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
  let tree: PNode | undefined;
  try {
    tree = new TreeBuilder(document, at, diagnostics).build(contents);
  } catch (error) {
    if (!(error instanceof AliasError)) throw error;
    const fix = {
      'yaml-alias-cycle': 'an alias cannot stand inside the node its anchor names',
      'yaml-alias-limit': 'expand fewer aliases: repeat less of the document through anchors',
      'yaml-syntax': 'define the anchor (&name) before the alias (*name) that uses it',
    }[error.code];
    diagnostics.push(diagnostic(error.code, error.message, { pos: at(error.alias.range?.[0] ?? 0), value: `*${error.alias.source}`, fix }));
    return undefined;
  }
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

/** Walks yaml's AST into PNodes, expanding aliases and `<<` merge keys, keeping positions of keys and values. */
class TreeBuilder {
  /** Nodes built, and how many of them came from expanding an alias (go-yaml's decodeCount and aliasCount). */
  private decoded = 0;
  private aliased = 0;
  /** Aliases being expanded, innermost last, and the collections being built: an alias to one of them is a cycle. */
  private readonly aliases: YAML.Alias[] = [];
  private readonly building = new Set<unknown>();

  constructor(
    private readonly document: YAML.Document.Parsed,
    private readonly at: (offset: number) => SourcePosition,
    private readonly diagnostics: Diagnostic[],
  ) {}

  build(node: unknown): PNode | undefined {
    if (YAML.isAlias(node)) return this.expand(node, (target) => this.build(target));
    this.count();
    if (YAML.isScalar(node)) return this.scalar(node);
    if (!YAML.isSeq(node) && !YAML.isMap(node)) return undefined;
    this.building.add(node);
    try {
      if (YAML.isSeq(node)) {
        const items = node.items.map((item) => this.build(item) ?? pscalar(null, this.position(node)));
        return pseq(items, this.position(node), mergeTag(node));
      }
      return pmap(this.entries(node), this.position(node), mergeTag(node));
    } finally {
      this.building.delete(node);
    }
  }

  /** Builds what an alias names, within the alias budget and refusing an alias to a node that contains it. */
  private expand<T>(alias: YAML.Alias, build: (target: unknown) => T): T {
    const target = alias.resolve(this.document);
    if (target === undefined) throw new AliasError('yaml-syntax', `alias *${alias.source} names no anchor defined before it`, alias);
    if (this.building.has(target)) throw new AliasError('yaml-alias-cycle', `alias *${alias.source} refers to a node that contains it`, alias);
    this.aliases.push(alias);
    try {
      return build(target);
    } finally {
      this.aliases.pop();
    }
  }

  private count(): void {
    this.decoded++;
    if (this.aliases.length === 0) return;
    this.aliased++;
    const { minAliased, minDecoded } = ALIAS_BUDGET;
    if (this.aliased > minAliased && this.decoded > minDecoded && this.aliased / this.decoded > allowedAliasRatio(this.decoded)) {
      throw new AliasError('yaml-alias-limit', `document contains excessive aliasing (${this.aliased} of ${this.decoded} nodes come from aliases)`, this.aliases[0] as YAML.Alias);
    }
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
    /** Keys the mapping itself sets so far: one set twice is an error, as in go-yaml. */
    const written = new Set<string>();
    for (const { pair, key } of pairs) {
      if (key === MERGE) {
        for (const entry of this.mergeSources(pair.value)) {
          if (explicit.has(entry.key) || seen.has(entry.key)) continue;
          seen.add(entry.key);
          entries.push(entry);
        }
      } else if (key !== undefined) {
        const keyNode = YAML.isNode(pair.key) ? pair.key : undefined;
        if (written.has(key)) this.diagnostics.push(diagnostic('yaml-duplicate-key', 'Map keys must be unique', { pos: this.position(keyNode) }));
        written.add(key);
        seen.add(key);
        const value = this.build(pair.value) ?? pscalar(null, this.position(keyNode));
        entries.push({ key, keyPos: this.position(keyNode), value });
      }
    }
    return entries;
  }

  private mergeSources(value: unknown): PMapEntry[] {
    const fromSource = (source: unknown): PMapEntry[] =>
      (YAML.isSeq(source) ? source.items : [source]).flatMap((item) => {
        const built = this.build(item);
        if (built?.kind === 'map') return built.entries;
        this.diagnostics.push(
          diagnostic('yaml-syntax', 'merge sources must be mappings or aliases of mappings', {
            pos: this.position(YAML.isNode(item) ? item : undefined) ?? built?.pos,
            fix: 'merge a mapping: `<<: *anchor` where &anchor names a mapping, or `<<: [*a, *b]`',
          }),
        );
        return [];
      });
    return YAML.isAlias(value) ? this.expand(value, fromSource) : fromSource(value);
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
