import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { composeArgs, CorpusCase } from '../support/corpus';
import { imageArgs, suggestedFlags, type SuggestedFlags } from '../support/corpus-flags';

/** What `webstack convert` made of one corpus case. */
export interface Conversion {
  /** Exit code of the CLI: 0 wrote manifests, 1 refused the input, 2 is a converter bug. */
  readonly exitCode: number;
  /** Directory holding the manifests (empty unless exitCode is 0). */
  readonly dir: string;
  /** Distinct `error[...]` codes the CLI printed, in first-seen order. */
  readonly errorCodes: readonly string[];
  /** The flags the converter's errors suggested: `--image` pins and the services left out (test/support/corpus-flags.ts). */
  readonly flags: SuggestedFlags;
}

/** A DNS-1123 label for a case, stable and readable: `real/mattermost__docker#2` becomes `mattermost-docker-2`. */
export function namespaceFor(id: string): string {
  return id
    .replace(/^(real|awesome-compose)\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * Runs `webstack convert` in-process, exactly as a user would from the case's project directory, with the case's
 * `-f`, `--env-file` and `--profile` flags, the flags the converter's own errors suggest (`--image` pins, the
 * service selection that leaves out what restricted cannot run), and only the variables its documented command
 * expects from the shell.
 */
export function convertCase(c: CorpusCase, namespace: string): Conversion {
  const flags = suggestedFlags(c);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-corpus-'));
  const stderr: string[] = [];
  const argv = [
    'convert',
    ...composeArgs(c),
    ...imageArgs(flags),
    '--namespace',
    namespace,
    '--output',
    dir,
    ...flags.services,
  ];
  const exitCode = run(argv, {
    cwd: c.projectDir,
    env: { ...c.env },
    stdout: () => undefined,
    stderr: (text) => stderr.push(text),
  });
  const errorCodes = [...new Set([...stderr.join('\n').matchAll(/\berror\[([a-z0-9-]+)\]/g)].map((m) => m[1] ?? ''))];
  return { exitCode, dir, errorCodes, flags };
}
