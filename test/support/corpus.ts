/**
 * The shared compose corpus (`../shared/corpus`): real public compose files that tests read in place and never
 * copy into this repository. Each project's `SOURCE.md` documents the `docker compose ...` commands its authors
 * run; every such command becomes one {@link CorpusCase}, so loaders, converters and the compose-go differential
 * test all exercise exactly the documented merge orders.
 */
import * as fs from 'fs';
import * as path from 'path';

/** One documented `docker compose` invocation over corpus files. */
export interface CorpusCase {
  /**
   * Stable, human-readable id: `real/<owner>__<repo>#<n>` (n counts merge orders from 1 in `SOURCE.md` order)
   * or `awesome-compose/<example>`.
   */
  readonly id: string;
  /** What the merge order is for, as `SOURCE.md` words it (`release mode (readme-docs/DOCKER.md)`). */
  readonly title: string;
  /** Absolute directory the command runs from; `.env` is looked up here when no `envFiles` are given. */
  readonly projectDir: string;
  /** Absolute paths of the `-f` files, in merge order. */
  readonly files: readonly string[];
  /** Absolute paths of the `--env-file` files, in order; empty means Compose's default `.env` lookup. */
  readonly envFiles: readonly string[];
  /** `--profile` values, in order. */
  readonly profiles: readonly string[];
  /** True for a project's main merge order (the first one its `SOURCE.md` lists) and for awesome-compose. */
  readonly main: boolean;
  /**
   * Variables the documented command expects from the caller's shell (CI secrets, workflow env), which no corpus
   * file defines; without them `${VAR:?}` stops the load. Pass them where the shell's exports would go (the
   * loader's `environment` option), never by mutating `process.env`. Empty for most cases.
   */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Number of services after merging, as documented. It counts every defined service, including those gated
   * by an inactive profile (`real/DefectDojo__django-DefectDojo#2` documents 10; 9 are active without
   * `--profile integration`).
   */
  readonly expectedServices: number;
  /**
   * True when `SOURCE.md` documents that Compose itself rejects the order as shipped (an `env_file` the user
   * creates first, e.g. `real/healthchecks__healthchecks#1`): the loader must refuse it with a positioned error,
   * and nothing downstream can convert it. {@link expectedServices} then counts the services once the missing
   * file is in place.
   */
  readonly composeRejects: boolean;
}

/**
 * Values for {@link CorpusCase.env}, by case id. Each stands in for something the upstream project sets outside
 * its files; the values are placeholders (a domain, an image with a tag), never secrets.
 */
const CALLER_ENV: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // The production deploy workflow exports DOMAIN; .env does not define it and compose.deploy.yml requires it.
  'real/fastapi__full-stack-fastapi-template#2': { DOMAIN: 'example.com' },
  // Zulip's CI builds the image and exports its name; ci/base.yaml requires it (`${GITHUB_CI_IMAGE:?error}`).
  'real/zulip__docker-zulip#2': { GITHUB_CI_IMAGE: 'ghcr.io/zulip/docker-zulip:ci' },
  'real/zulip__docker-zulip#3': { GITHUB_CI_IMAGE: 'ghcr.io/zulip/docker-zulip:ci' },
  // manage.sh exports the absolute path of the checkout; docker/devenv/docker-compose.main.yml mounts it.
  'real/penpot__penpot#3': { PENPOT_SOURCE_PATH: '/home/user/penpot' },
};

/** The case's own `docker compose` flags: `-f` files, `--env-file`s and `--profile`s, in order. */
export function composeArgs(c: CorpusCase): string[] {
  return [...c.files.flatMap((f) => ['-f', f]), ...c.envFiles.flatMap((f) => ['--env-file', f]), ...c.profiles.flatMap((p) => ['--profile', p])];
}

/** Title of the placeholder test registered when the corpus is missing; kept greppable in CI logs. */
export const CORPUS_MISSING = 'corpus tests did not run: ../shared/corpus not found (set WEBSTACK_CORPUS)';

export { REPO_ROOT } from './repo-root';
import { REPO_ROOT } from './repo-root';

/**
 * Absolute path of the corpus: `$WEBSTACK_CORPUS`, else `<repo>/../shared/corpus` (CI clones the repository
 * beside `shared/`). Undefined when the default location does not exist.
 *
 * @throws when `WEBSTACK_CORPUS` is set but is not a directory: an explicit setting that is wrong must not
 * quietly turn every corpus test into a skip.
 */
export function corpusRoot(): string | undefined {
  const configured = process.env.WEBSTACK_CORPUS;
  if (configured) {
    const root = path.resolve(configured);
    if (!isDirectory(root)) throw new Error(`WEBSTACK_CORPUS=${configured} is not a directory`);
    return root;
  }
  const fallback = path.resolve(REPO_ROOT, '..', 'shared', 'corpus');
  return isDirectory(fallback) ? fallback : undefined;
}

let cached: { root: string; cases: readonly CorpusCase[] } | undefined;

/** Every corpus case (real projects first, by directory name, then awesome-compose examples); [] without a corpus. */
export function corpusCases(): readonly CorpusCase[] {
  const root = corpusRoot();
  if (root === undefined) return [];
  if (cached?.root !== root) cached = { root, cases: [...realCases(root), ...awesomeComposeCases(root)] };
  return cached.cases;
}

/**
 * `describe` over the corpus. Without a corpus it registers exactly one skipped test titled
 * {@link CORPUS_MISSING} and warns, so a run without the corpus is plainly visible instead of silently green.
 */
export function describeCorpus(name: string, fn: (cases: readonly CorpusCase[]) => void): void {
  if (corpusRoot() === undefined) {
    describe(name, () => {
      test.skip(CORPUS_MISSING, () => undefined);
    });
    skipSnapshottedTests(name);
    console.warn(`${name}: ${CORPUS_MISSING}`);
    return;
  }
  describe(name, () => fn(corpusCases()));
}

/**
 * Without the corpus, the corpus tests' snapshots would count as obsolete and fail the run. Jest keeps the
 * snapshots of a skipped test whose full name equals the snapshot key less its counter (jest-snapshot's
 * `keyToTestName`; for a hinted snapshot that name ends in `: <hint>`), so register one skipped test per key.
 */
function skipSnapshottedTests(describeName: string): void {
  const testPath = expect.getState().testPath;
  if (!testPath) return;
  const snapshotFile = path.join(path.dirname(testPath), '__snapshots__', `${path.basename(testPath)}.snap`);
  if (!fs.existsSync(snapshotFile)) return;
  const prefix = `${describeName} `;
  const testNames = new Set<string>();
  for (const [, key] of fs.readFileSync(snapshotFile, 'utf8').matchAll(/^exports\[`(.*)`\] = /gm)) {
    const title = key?.replace(/ \d+$/, '');
    if (title?.startsWith(prefix)) testNames.add(title.slice(prefix.length));
  }
  describe(describeName, () => {
    for (const testName of testNames) test.skip(testName, () => undefined);
  });
}

function realCases(root: string): CorpusCase[] {
  const realDir = path.join(root, 'real');
  return fs
    .readdirSync(realDir)
    .filter((project) => isDirectory(path.join(realDir, project)))
    .sort()
    .flatMap((project) => {
      const projectDir = path.join(realDir, project);
      const orders = parseMergeOrders(fs.readFileSync(path.join(projectDir, 'SOURCE.md'), 'utf8'));
      if (orders.length === 0) throw new Error(`${projectDir}/SOURCE.md documents no merge order`);
      return orders.map((order, index) => {
        const id = `real/${project}#${index + 1}`;
        return {
          id,
          title: order.title,
          projectDir,
          ...parseComposeCommand(order.command, projectDir),
          env: CALLER_ENV[id] ?? {},
          main: index === 0,
          expectedServices: order.services,
          composeRejects: order.composeRejects,
        };
      });
    });
}

interface MergeOrder {
  readonly title: string;
  readonly services: number;
  readonly command: string;
  readonly composeRejects: boolean;
}

/**
 * Reads the `## Merge orders` section: each order is a bullet `- <title>: <what it gives>` followed by a fenced
 * `sh` block holding one `docker compose ...` line. What it gives starts either with the service count
 * (`7 services`, `4 services with DOMAIN set in the environment, ...`) or with `rejected by Compose itself`, in
 * which case the count is the one the prose gives for the file (`... the file defines 2 services`).
 */
function parseMergeOrders(sourceMd: string): MergeOrder[] {
  const section = sourceMd.split(/^## /m).find((s) => s.startsWith('Merge orders'));
  if (section === undefined) return [];
  const order = /^- (.+?): ((?:\d+ services?|rejected by Compose itself)[^\n]*)\n\s*```sh\s*\n\s*(docker compose .+?)\s*\n\s*```/gm;
  return [...section.matchAll(order)].map((m) => {
    const outcome = m[2] as string;
    const services = /(\d+) services?/.exec(outcome)?.[1];
    if (services === undefined) throw new Error(`merge order without a service count: ${m[0]}`);
    return {
      title: m[1] as string,
      services: Number(services),
      command: m[3] as string,
      composeRejects: outcome.startsWith('rejected by Compose itself'),
    };
  });
}

/** The options of one documented command; any other flag throws so a new corpus idiom cannot be ignored. */
function parseComposeCommand(
  command: string,
  projectDir: string,
): Pick<CorpusCase, 'files' | 'envFiles' | 'profiles'> {
  const files: string[] = [];
  const envFiles: string[] = [];
  const profiles: string[] = [];
  const targets: Record<string, string[]> = { '-f': files, '--file': files, '--env-file': envFiles, '--profile': profiles };
  const words = command.split(/\s+/).slice(2); // drop `docker compose`
  for (let i = 0; i < words.length; i += 2) {
    const flag = words[i] as string;
    const value = words[i + 1];
    const target = targets[flag];
    if (target === undefined || value === undefined) throw new Error(`unsupported corpus command: ${command}`);
    target.push(flag === '--profile' ? value : path.resolve(projectDir, value));
  }
  return { files, envFiles, profiles };
}

/** One case per row of the `| example | file | services |` table in `awesome-compose/SOURCE.md`. */
function awesomeComposeCases(root: string): CorpusCase[] {
  const dir = path.join(root, 'awesome-compose');
  const sourceMd = fs.readFileSync(path.join(dir, 'SOURCE.md'), 'utf8');
  const row = /^\| ([\w.-]+) \| `([^`]+)` \| (\d+) \|$/gm;
  return [...sourceMd.matchAll(row)].map((m) => {
    const example = m[1] as string;
    const projectDir = path.join(dir, example);
    return {
      id: `awesome-compose/${example}`,
      title: `docker compose -f ${example}/${m[2] as string}`,
      projectDir,
      files: [path.join(projectDir, m[2] as string)],
      envFiles: [],
      profiles: [],
      env: {},
      main: true,
      expectedServices: Number(m[3]),
      composeRejects: false,
    };
  });
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
