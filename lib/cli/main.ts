import { version } from '../../package.json';
import { CONVERT_USAGE, INIT_USAGE, USAGE } from './help';
import { parseInvocation, UsageError } from './args';
import { EXIT, type CliIo } from './io';

/**
 * Runs the `webstack` command line and returns its exit code. Never throws: usage mistakes exit 1 with the
 * usage, converter failures (bugs) exit 2 with the stack trace.
 */
export function run(argv: readonly string[], io: CliIo): number {
  try {
    const invocation = parseInvocation(argv);
    switch (invocation.command) {
      case 'help':
        io.stdout(invocation.topic === 'convert' ? CONVERT_USAGE : invocation.topic === 'init' ? INIT_USAGE : USAGE);
        return EXIT.ok;
      case 'version':
        io.stdout(version);
        return EXIT.ok;
      case 'convert': {
        // Loaded on demand: `--help` and `--version` must not pay for the converter.
        const { runConvert } = require('./convert') as typeof import('./convert');
        return runConvert(invocation.args, io);
      }
      case 'init': {
        const { runInit } = require('./init') as typeof import('./init');
        return runInit(invocation.args, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`webstack: ${error.message}\n\n${argv[0] === 'convert' ? CONVERT_USAGE : argv[0] === 'init' ? INIT_USAGE : USAGE}`);
      return EXIT.inputError;
    }
    io.stderr(`webstack: internal error, please report it: ${(error as Error).stack ?? String(error)}`);
    return EXIT.internalError;
  }
}
