/**
 * Our loader against Docker Compose's own (compose-go v2, tools/compose-ref) on every documented corpus merge
 * order: the projected `normalized` tree must equal `docker compose config --format json`, except for the
 * differences listed with a reason in differential-known.ts. Both loaders get the same files, env files,
 * profiles and an explicit environment (never the machine's).
 */
import * as path from 'path';
import { loadCompose } from '../../lib/compose';
import type { Diagnostic } from '../../lib/errors';
import { buildComposeRef, runComposeRef } from '../support/compose-ref';
import { describeCorpus, type CorpusCase } from '../support/corpus';
import { diffJson, formatPath, formatValue, type JsonDifference } from '../support/json-diff';
import { findKnown, KNOWN_DIFFERENCES, type KnownDifference } from './differential-known';
import { projectForComparison, PROJECTION_SUMMARY } from './differential-projection';

/** Lines of unexplained differences shown per case; the rest is counted, so a broken loader cannot flood the log. */
const MAX_LINES = 20;
/** A cold build fetches compose-go through the Go module proxy and compiles it (about 20-30 s on 2 cores). */
const BUILD_TIMEOUT_MS = 300_000;

function loadOurs(c: CorpusCase): ReturnType<typeof loadCompose> {
  return loadCompose({
    files: [...c.files],
    workingDir: c.projectDir,
    envFiles: [...c.envFiles],
    profiles: [...c.profiles],
    environment: { ...c.env },
  });
}

function describeDiagnostic(d: Diagnostic): string {
  const where = d.pos ? `${path.basename(d.pos.file)}:${d.pos.line}:${d.pos.column}` : (d.path ?? '');
  return `${d.code} ${where} ${d.message}`;
}

function describeDifferences(c: CorpusCase, differences: readonly JsonDifference[]): string[] {
  const lines = differences
    .slice(0, MAX_LINES)
    .map((d) => `${c.id}  ${formatPath(d.path)}  theirs=${formatValue(d.theirs)}  ours=${formatValue(d.ours)}`);
  if (differences.length > MAX_LINES) lines.push(`${c.id}  … and ${differences.length - MAX_LINES} more`);
  return lines;
}

describeCorpus('compose-go differential', (cases) => {
  let binary = '';
  const matched = new Set<KnownDifference>();
  const compared = new Set<string>();
  const totals = { known: 0, unexplained: 0 };

  beforeAll(() => {
    binary = buildComposeRef();
  }, BUILD_TIMEOUT_MS);

  afterAll(() => {
    console.log(
      [
        `compose-go differential: ${compared.size}/${cases.length} cases compared, ` +
          `${totals.unexplained} unexplained and ${totals.known} known differences ` +
          `(${KNOWN_DIFFERENCES.length} allow-list entries).`,
        'Not compared, by design:',
        ...PROJECTION_SUMMARY.map((s) => `  - ${s}`),
      ].join('\n'),
    );
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const theirs = runComposeRef(binary, c, c.env);
    const ours = loadOurs(c);
    const errors = ours.diagnostics.filter((d) => d.severity === 'error').map(describeDiagnostic);
    if (!theirs.ok) {
      // compose-go rejects the project: ours must reject it too.
      expect({ composeGo: theirs.error, ourErrors: errors.length > 0 }).toEqual({ composeGo: theirs.error, ourErrors: true });
      return;
    }
    expect({ ourErrors: errors }).toEqual({ ourErrors: [] });

    const differences = diffJson(projectForComparison(theirs.json), projectForComparison(ours.normalized));
    const unexplained = differences.filter((d) => {
      const known = findKnown(c.id, d);
      if (known) matched.add(known);
      return known === undefined;
    });
    compared.add(c.id);
    totals.known += differences.length - unexplained.length;
    totals.unexplained += unexplained.length;
    expect(describeDifferences(c, unexplained)).toEqual([]);
  });

  test('every allow-list entry still matches a difference', () => {
    // Only meaningful after a full run: a filtered run (-t) or a case that failed before the comparison would
    // leave entries unmatched through no fault of the list.
    if (compared.size < cases.length) return;
    expect(KNOWN_DIFFERENCES.filter((k) => !matched.has(k)).map((k) => `${k.path}: ${k.reason}`)).toEqual([]);
  });
});
