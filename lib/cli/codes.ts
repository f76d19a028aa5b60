import { type CodeTable, diagnosticFactory } from '../errors';

/** Diagnostic codes of the CLI itself: what goes wrong around the conversion, not in the Compose files. */
export const CLI_CODES = {
  'output-dir': { severity: 'error', summary: 'the output directory may not be replaced (see lib/output-dir.ts), or cannot be written' },
  'construct-refused': { severity: 'error', summary: 'a role construct refused the props the conversion gave it (a MisuseError)' },
} as const satisfies CodeTable;

export const cliDiagnostic = diagnosticFactory(CLI_CODES);
