import { type CodeTable, type Diagnostic, diagnosticFactory } from '../../errors';
import type { PNode } from '../tree';

/**
 * Every diagnostic code the normalize stage can emit, with its severity. Codes are a contract (tests and users
 * match on them): never rename or reuse one.
 */
export const NORMALIZE_CODES = {
  'cast-invalid': { severity: 'error', summary: 'a value cannot become the number or boolean its key requires' },
  'duration-invalid': { severity: 'error', summary: 'a duration is not Go syntax such as 1m30s' },
  'bytes-invalid': { severity: 'error', summary: 'a byte size is not a number with an optional b/k/m/g/t/p unit' },
  'port-invalid': { severity: 'error', summary: 'a port is not [[ip:]published:]target[/protocol]' },
  'port-range-too-large': { severity: 'error', summary: 'a port range expands to more ports than a web stack publishes' },
  'volume-invalid': { severity: 'error', summary: 'a volume is not [source:]target[:options]' },
  'environment-invalid': { severity: 'error', summary: 'a list entry of environment, labels or sysctls has no key' },
  'extra-host-invalid': { severity: 'error', summary: 'an extra_hosts entry is not host:ip or host=ip' },
  'command-invalid': { severity: 'error', summary: 'a command string has an unterminated quote' },
} as const satisfies CodeTable;

export type NormalizeCode = keyof typeof NORMALIZE_CODES;

const tableDiagnostic = diagnosticFactory(NORMALIZE_CODES);

/** Builds a normalize diagnostic positioned at `node`, with the severity registered for `code`. */
export function normalizeDiagnostic(
  code: NormalizeCode,
  message: string,
  node: PNode,
  path: string,
  fix?: string,
): Diagnostic {
  const value = node.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
  return tableDiagnostic(code, message, { path, pos: node.pos, value, fix });
}
