/**
 * Our loader against Docker Compose's own (compose-go v2, tools/compose-ref) on every documented corpus merge
 * order: the projected `normalized` tree must equal `docker compose config --format json`, except for the
 * differences listed with a reason in differential-known.ts. Both loaders get the same files, env files,
 * profiles and an explicit environment (never the machine's).
 *
 * One test per project (real/<project> with all its merge orders, awesome-compose with all its examples), so
 * a loader that is wrong everywhere fails eight tests with capped listings, not sixty with thousands of lines.
 */
import { buildComposeRef } from '../support/compose-ref';
import { describeCorpus, type CorpusCase } from '../support/corpus';
import { compareCase, DifferentialReport } from './differential-compare';

/** A cold build fetches compose-go through the Go module proxy and compiles it (about 20-30 s on 2 cores). */
const BUILD_TIMEOUT_MS = 300_000;

/** `real/<project>` for a real merge order, `awesome-compose` for every example. */
function groupOf(c: CorpusCase): string {
  return c.id.startsWith('real/') ? (c.id.split('#')[0] ?? c.id) : 'awesome-compose';
}

describeCorpus('compose-go differential', (cases) => {
  let binary = '';
  const report = new DifferentialReport();

  beforeAll(() => {
    binary = buildComposeRef();
  }, BUILD_TIMEOUT_MS);

  afterAll(() => console.log(report.summary('compose-go differential (corpus)', cases)));

  test.each([...new Set(cases.map(groupOf))])('%s matches compose-go', (group) => {
    const lines = cases.filter((c) => groupOf(c) === group).flatMap((c) => report.record(c, compareCase(binary, c)));
    expect(lines).toEqual([]);
  });

  test('every allow-list entry still matches a difference', () => {
    // Skipped (undefined) after a filtered run or when our loader rejected a case: see DifferentialReport.
    expect(report.unmatched(cases, true) ?? []).toEqual([]);
  });
});
