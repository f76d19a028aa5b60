import { loadCompose } from '../../lib/compose';
import { describeCorpus } from '../support/corpus';

/**
 * Smoke test over the real corpus: every project's main merge order loads through every stage without an
 * error diagnostic, with the documented number of services; an order Compose itself rejects as shipped is
 * rejected with a positioned error.
 */
describeCorpus('loadCompose over the corpus (main merge orders)', (cases) => {
  test.each(cases.filter((c) => c.main).map((c) => [c.id, c] as const))('%s loads without errors', (_id, c) => {
    const result = loadCompose({
      files: [...c.files],
        envFiles: [...c.envFiles],
      profiles: [...c.profiles],
      environment: { HOME: '/home/dev', ...c.env },
    });
    if (c.composeRejects) {
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pos !== undefined])).toEqual([['env-file-missing', true]]);
      return;
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.project?.services).toHaveLength(c.expectedServices ?? result.project?.services.length ?? -1);
  });
});
