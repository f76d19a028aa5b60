import { loadCompose } from '../../lib/compose';
import { describeCorpus } from '../support/corpus';

/**
 * Smoke test over the real corpus: every project's main merge order loads through every stage without an
 * error diagnostic, with the documented number of services.
 */
describeCorpus('loadCompose over the corpus (main merge orders)', (cases) => {
  test.each(cases.filter((c) => c.main).map((c) => [c.id, c] as const))('%s loads without errors', (_id, c) => {
    const result = loadCompose({
      files: [...c.files],
      workingDir: c.projectDir,
      envFiles: [...c.envFiles],
      profiles: [...c.profiles],
      environment: { HOME: '/home/dev', ...c.env },
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.project?.services).toHaveLength(c.expectedServices ?? result.project?.services.length ?? -1);
  });
});
