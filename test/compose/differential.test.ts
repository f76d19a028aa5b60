/**
 * Our loader against Docker Compose's own (compose-go v2, tools/compose-ref) on every documented corpus merge
 * order: the projected `normalized` tree must equal `docker compose config --format json`, except for the
 * differences listed with a reason in differential-known.ts. Both loaders get the same files, env files,
 * profiles and an explicit environment (never the machine's).
 *
 * One test per project (real/<project> with all its merge orders, awesome-compose with all its examples), so
 * a loader that is wrong everywhere fails eight tests with capped listings, not sixty with thousands of lines.
 */
import * as path from 'path';
import { loadCompose } from '../../lib/compose';
import type { Diagnostic } from '../../lib/errors';
import { buildComposeRef, runComposeRef } from '../support/compose-ref';
import { describeCorpus, type CorpusCase } from '../support/corpus';
import { diffJson, formatPath, formatValue, type JsonDifference } from '../support/json-diff';
import { findKnown, KNOWN_DIFFERENCES, type KnownDifference } from './differential-known';
import { projectForComparison, PROJECTION_SUMMARY } from './differential-projection';

/** Lines shown per failing case: the first failing cases in detail, the later ones briefly; the rest is counted. */
const DETAILED_LINES = 20;
const BRIEF_LINES = 3;
const DETAILED_CASES = 5;
/** A cold build fetches compose-go through the Go module proxy and compiles it (about 20-30 s on 2 cores). */
const BUILD_TIMEOUT_MS = 300_000;

/** What comparing one case found: the lines to show (errors or differences) and the allow-list entries used. */
interface CaseOutcome {
  readonly problems: readonly string[];
  readonly compared: boolean;
  readonly known: readonly KnownDifference[];
}

function compareCase(binary: string, c: CorpusCase): CaseOutcome {
  const theirs = runComposeRef(binary, c, c.env);
  const ours = loadCompose({
    files: [...c.files],
    workingDir: c.projectDir,
    envFiles: [...c.envFiles],
    profiles: [...c.profiles],
    environment: { ...c.env },
  });
  const errors = ours.diagnostics.filter((d) => d.severity === 'error').map((d) => describeDiagnostic(c, d));
  if (!theirs.ok) {
    // compose-go rejects the project, so ours must reject it too.
    const problems = errors.length > 0 ? [] : [`compose-go fails, ours does not: ${theirs.error.split('\n')[0] ?? ''}`];
    return { problems, compared: true, known: [] };
  }
  if (errors.length > 0) return { problems: errors, compared: false, known: [] };

  const differences = diffJson(projectForComparison(theirs.json), projectForComparison(ours.normalized));
  const known: KnownDifference[] = [];
  const unexplained = differences.filter((d) => {
    const entry = findKnown(c.id, d);
    if (entry) known.push(entry);
    return entry === undefined;
  });
  return { problems: unexplained.map(describeDifference), compared: true, known };
}

function describeDiagnostic(c: CorpusCase, d: Diagnostic): string {
  const where = d.pos ? `${path.relative(c.projectDir, d.pos.file)}:${d.pos.line}:${d.pos.column}` : (d.path ?? '');
  return `our error ${d.code}  ${where}  ${d.message}`;
}

function describeDifference(d: JsonDifference): string {
  return `${formatPath(d.path)}  theirs=${formatValue(d.theirs)}  ours=${formatValue(d.ours)}`;
}

/** `real/<project>` for a real merge order, `awesome-compose` for every example. */
function groupOf(c: CorpusCase): string {
  return c.id.startsWith('real/') ? c.id.split('#')[0] ?? c.id : 'awesome-compose';
}

describeCorpus('compose-go differential', (cases) => {
  let binary = '';
  const matched = new Set<KnownDifference>();
  const compared = new Set<string>();
  const totals = { known: 0, problems: 0, failingCases: 0 };

  beforeAll(() => {
    binary = buildComposeRef();
  }, BUILD_TIMEOUT_MS);

  afterAll(() => {
    console.log(
      [
        `compose-go differential: ${compared.size}/${cases.length} cases compared; ${totals.problems} unexplained ` +
          `differences or errors in ${totals.failingCases} cases; ${totals.known} known differences ` +
          `(${KNOWN_DIFFERENCES.length} allow-list entries).`,
        'Not compared, by design:',
        ...PROJECTION_SUMMARY.map((s) => `  - ${s}`),
      ].join('\n'),
    );
  });

  const groups = [...new Set(cases.map(groupOf))];
  test.each(groups)('%s matches compose-go', (group) => {
    const lines: string[] = [];
    for (const c of cases.filter((k) => groupOf(k) === group)) {
      const outcome = compareCase(binary, c);
      if (outcome.compared) compared.add(c.id);
      outcome.known.forEach((k) => matched.add(k));
      totals.known += outcome.known.length;
      if (outcome.problems.length === 0) continue;
      totals.problems += outcome.problems.length;
      totals.failingCases += 1;
      const max = totals.failingCases <= DETAILED_CASES ? DETAILED_LINES : BRIEF_LINES;
      lines.push(...outcome.problems.slice(0, max).map((p) => `${c.id}  ${p}`));
      if (outcome.problems.length > max) lines.push(`${c.id}  … and ${outcome.problems.length - max} more`);
    }
    expect(lines).toEqual([]);
  });

  test('every allow-list entry still matches a difference', () => {
    // Only meaningful after a full run: a filtered run (-t) or a case our loader rejected would leave entries
    // unmatched through no fault of the list.
    if (compared.size < cases.length) return;
    expect(KNOWN_DIFFERENCES.filter((k) => !matched.has(k)).map((k) => `${k.path}: ${k.reason}`)).toEqual([]);
  });
});
