/**
 * Compares our loader with compose-go on one case (a corpus merge order or an inline project) and collects the
 * results of many cases into capped, readable report lines. Shared by the corpus and inline differential tests.
 */
import * as path from 'path';
import { loadCompose } from '../../lib/compose';
import type { Diagnostic } from '../../lib/errors';
import { runComposeRef } from '../support/compose-ref';
import type { CorpusCase } from '../support/corpus';
import { diffJson, formatPath, formatValue, type JsonDifference } from '../support/json-diff';
import { findKnown, KNOWN_DIFFERENCES, type KnownDifference } from './differential-known';
import { projectForComparison, PROJECTION_SUMMARY } from './differential-projection';

/** Lines shown per failing case: the first failing cases in detail, the later ones briefly; the rest is counted. */
const DETAILED_LINES = 20;
const BRIEF_LINES = 3;
const DETAILED_CASES = 5;

/** What comparing one case found. */
export interface CaseOutcome {
  /** Unexplained differences, or our error diagnostics when we rejected what compose-go accepted. */
  readonly problems: readonly string[];
  /** False when our loader stopped with errors, so allow-list entries for the case could not be checked. */
  readonly compared: boolean;
  /** Allow-list entries that accepted a difference. */
  readonly known: readonly KnownDifference[];
  /** compose-go's error when it rejected the project (then ours must reject it too). */
  readonly referenceError?: string;
}

/** Runs both loaders on `c` with the same files, env files, profiles and explicit environment. */
export function compareCase(binary: string, c: CorpusCase): CaseOutcome {
  const theirs = runComposeRef(binary, c, c.env);
  const ours = loadCompose({
    files: [...c.files],
    // Without -f, discovery runs in the directory the command runs from; with files, Compose's project
    // directory is the first file's, whatever the current directory.
    workingDir: c.files.length ? undefined : c.projectDir,
    envFiles: [...c.envFiles],
    profiles: [...c.profiles],
    environment: { ...c.env },
  });
  const errors = ours.diagnostics.filter((d) => d.severity === 'error').map((d) => describeDiagnostic(c, d));
  if (!theirs.ok) {
    // compose-go rejects the project, so ours must reject it too.
    const problems = errors.length > 0 ? [] : [`compose-go fails, ours does not: ${theirs.error.split('\n')[0] ?? ''}`];
    return { problems, compared: true, known: [], referenceError: theirs.error };
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

/** Accumulates outcomes over a test file: totals for the summary, capped lines for each failing test. */
export class DifferentialReport {
  private readonly matched = new Set<KnownDifference>();
  private readonly compared = new Set<string>();
  private known = 0;
  private problems = 0;
  private failingCases = 0;

  /** Records `outcome` and returns the lines to show for it (empty when the case matches). */
  record(c: CorpusCase, outcome: CaseOutcome): string[] {
    if (outcome.compared) this.compared.add(c.id);
    outcome.known.forEach((k) => this.matched.add(k));
    this.known += outcome.known.length;
    if (outcome.problems.length === 0) return [];
    this.problems += outcome.problems.length;
    this.failingCases += 1;
    const max = this.failingCases <= DETAILED_CASES ? DETAILED_LINES : BRIEF_LINES;
    const lines = outcome.problems.slice(0, max).map((p) => `${c.id}  ${p}`);
    return outcome.problems.length > max ? [...lines, `${c.id}  … and ${outcome.problems.length - max} more`] : lines;
  }

  /**
   * Allow-list entries for `cases` that matched nothing: those limited to some of these cases and, with
   * `includeUnlimited`, those that apply everywhere. Undefined when not every case was compared (a filtered run,
   * or a case our loader rejected), since entries may then be unmatched through no fault of the list.
   */
  unmatched(cases: readonly CorpusCase[], includeUnlimited: boolean): string[] | undefined {
    if (!cases.every((c) => this.compared.has(c.id))) return undefined;
    const ids = new Set(cases.map((c) => c.id));
    const mine = (k: KnownDifference): boolean => (k.cases === undefined ? includeUnlimited : k.cases.some((id) => ids.has(id)));
    return KNOWN_DIFFERENCES.filter((k) => mine(k) && !this.matched.has(k)).map((k) => `${k.path}: ${k.reason}`);
  }

  summary(title: string, cases: readonly CorpusCase[]): string {
    return [
      `${title}: ${this.compared.size}/${cases.length} cases compared; ${this.problems} unexplained differences or ` +
        `errors in ${this.failingCases} cases; ${this.known} known differences.`,
      'Not compared, by design:',
      ...PROJECTION_SUMMARY.map((s) => `  - ${s}`),
    ].join('\n');
  }
}

function describeDiagnostic(c: CorpusCase, d: Diagnostic): string {
  const where = d.pos ? `${path.relative(c.projectDir, d.pos.file)}:${d.pos.line}:${d.pos.column}` : (d.path ?? '');
  return `our error ${d.code}  ${where}  ${d.message}`;
}

function describeDifference(d: JsonDifference): string {
  return `${formatPath(d.path)}  theirs=${formatValue(d.theirs)}  ours=${formatValue(d.ours)}`;
}
