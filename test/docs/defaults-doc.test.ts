import { readFileSync } from 'fs';
import * as path from 'path';
import * as defaults from '../../lib/defaults';
import { DEFAULTS_DOC, renderProjectDefaultsDoc } from '../../scripts/defaults-doc';
import { OVERRIDE_GUIDE } from '../../scripts/defaults-doc/overrides';
import { readConstDocs } from '../../scripts/defaults-doc/read-docs';
import { DefaultsDocError, renderDefaultsDoc } from '../../scripts/defaults-doc/render';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_PATH = path.join(ROOT, 'lib', 'defaults.ts');
const SOURCE = readFileSync(SOURCE_PATH, 'utf8');
const DOC = readFileSync(path.join(ROOT, DEFAULTS_DOC), 'utf8');

/** The table rows of each `## NAME` section, as cells; `\|` inside a cell is not a separator. */
function tablesBySection(markdown: string): Map<string, string[][]> {
  const sections = new Map<string, string[][]>();
  let rows: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## (\S+)$/.exec(line);
    if (heading?.[1]) sections.set(heading[1], rows = []);
    else if (rows && line.startsWith('| ') && !line.startsWith('| key |') && !line.startsWith('| ---')) {
      rows.push(line.slice(2, -2).split(/ (?<!\\)\| /));
    }
  }
  return sections;
}

/** Renders lib/defaults.ts with extra source appended and extra values exported. */
function renderWith(extraSource: string, extraValues: Record<string, unknown>, guide = OVERRIDE_GUIDE): () => string {
  const consts = readConstDocs(SOURCE_PATH, `${SOURCE}\n${extraSource}`);
  return () => renderDefaultsDoc(consts, { ...defaults, ...extraValues }, guide);
}

function errorOf(render: () => string): DefaultsDocError {
  try {
    render();
  } catch (e) {
    if (e instanceof DefaultsDocError) return e;
    throw e;
  }
  throw new Error('expected the render to fail');
}

describe('docs/defaults.md', () => {
  test('is a fresh render of lib/defaults.ts (run `npm run docs` after changing a default)', () => {
    expect(DOC).toBe(renderProjectDefaultsDoc(ROOT));
  });

  test('has a section for every exported const, and every row names how to override it', () => {
    const tables = tablesBySection(DOC);
    expect([...tables.keys()].sort()).toEqual(Object.keys(defaults).sort());
    for (const [name, rows] of tables) {
      expect({ name, hasRows: rows.length > 0 }).toEqual({ name, hasRows: true });
      for (const cells of rows) {
        expect({ name, cells: cells.length, override: cells[3]?.trim() ?? '' }).toEqual({ name, cells: 4, override: expect.stringMatching(/\S/) });
      }
    }
  });

  test('shows values as loaded, each nested key\'s JSDoc once, and the prop per key', () => {
    const tables = tablesBySection(DOC);
    const postgresIdentity = tables.get('IMAGE_IDENTITY')?.filter((cells) => cells[0]?.startsWith('`postgres.'));
    expect(postgresIdentity).toEqual([
      ['`postgres.runAsUser`', `\`${defaults.IMAGE_IDENTITY.postgres.runAsUser}\``, expect.stringContaining('alpine variants use 70'), '`runAsUser` on Postgres'],
      ['`postgres.runAsGroup`', '`999`', '', '`runAsGroup` on Postgres'],
      ['`postgres.fsGroup`', '`999`', '', '`fsGroup` on Postgres'],
    ]);
    expect(tables.get('RESOURCE_QUOTA')).toContainEqual(['`requests.cpu`', `\`'${defaults.RESOURCE_QUOTA['requests.cpu']}'\``, '', '`resourceQuota` key `requests.cpu` on WebStack']);
    expect(tables.get('EMPTY_DIR_SIZE')).toEqual([['`EMPTY_DIR_SIZE`', `\`'${defaults.EMPTY_DIR_SIZE}'\``, '', '`volumes[].emptyDir.sizeLimit` on any role']]);
  });

  test('is deterministic', () => {
    expect(renderProjectDefaultsDoc(ROOT)).toBe(renderProjectDefaultsDoc(ROOT));
  });
});

describe('renderDefaultsDoc', () => {
  test('fails for a new default without an "override with" entry, naming each value', () => {
    const render = renderWith('/** A new default. */\nexport const NEW_DEFAULT = { a: 1, b: { c: 2 } } as const;', { NEW_DEFAULT: { a: 1, b: { c: 2 } } });
    expect(errorOf(render)).toMatchObject({ withoutOverride: ['NEW_DEFAULT.a', 'NEW_DEFAULT.b.c'], withoutDoc: [], withoutValue: [], staleOverrides: [] });
  });

  test('renders that default once it has an entry', () => {
    const source = '/** A new default. */\nexport const NEW_DEFAULT = { a: 1 } as const;';
    const guide = { ...OVERRIDE_GUIDE, overrides: { ...OVERRIDE_GUIDE.overrides, NEW_DEFAULT: { prop: '`{key}` on Backend' } } };
    expect(tablesBySection(renderWith(source, { NEW_DEFAULT: { a: 1 } }, guide)()).get('NEW_DEFAULT')).toEqual([['`a`', '`1`', '', '`a` on Backend']]);
  });

  test('fails for a default without a doc comment', () => {
    const guide = { ...OVERRIDE_GUIDE, overrides: { ...OVERRIDE_GUIDE.overrides, BARE: { fixed: 'test' } } };
    expect(errorOf(renderWith('export const BARE = 1;', { BARE: 1 }, guide))).toMatchObject({ withoutDoc: ['BARE'], withoutOverride: [] });
  });

  test('fails for a const the loaded module does not export (a stale build)', () => {
    const guide = { ...OVERRIDE_GUIDE, overrides: { ...OVERRIDE_GUIDE.overrides, UNBUILT: { fixed: 'test' } } };
    expect(errorOf(renderWith('/** Not built. */\nexport const UNBUILT = 1;', {}, guide))).toMatchObject({ withoutValue: ['UNBUILT'] });
  });

  test('fails for override entries and notes that match no default', () => {
    const guide = {
      overrides: { ...OVERRIDE_GUIDE.overrides, 'POSTGRES.renamed': { prop: '`renamed` on Postgres' } },
      notes: { ...OVERRIDE_GUIDE.notes, GONE: 'a note' },
    };
    expect(errorOf(renderWith('', {}, guide))).toMatchObject({ staleOverrides: ['GONE', 'POSTGRES.renamed'], withoutOverride: [] });
  });

  test('keeps a number\'s source spelling beside its value (file modes read as octal)', () => {
    const guide = { ...OVERRIDE_GUIDE, overrides: { ...OVERRIDE_GUIDE.overrides, MODES: { fixed: 'test' } } };
    const doc = renderWith('/** Modes. */\nexport const MODES = { file: 0o440, count: 3 } as const;', { MODES: { file: 0o440, count: 3 } }, guide)();
    expect(tablesBySection(doc).get('MODES')).toEqual([['`file`', '`0o440` (288)', '', 'fixed: test'], ['`count`', '`3`', '', 'fixed: test']]);
  });

  test('escapes a `|` in a value so the table keeps its columns', () => {
    const guide = { ...OVERRIDE_GUIDE, overrides: { ...OVERRIDE_GUIDE.overrides, PIPE: { fixed: 'test' } } };
    const doc = renderWith('/** A pipe. */\nexport const PIPE = \'a|b\';', { PIPE: 'a|b' }, guide)();
    expect(tablesBySection(doc).get('PIPE')).toEqual([['`PIPE`', '`\'a\\|b\'`', '', 'fixed: test']]);
  });
});
