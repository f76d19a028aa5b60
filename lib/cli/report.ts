import type { Diagnostic } from '../errors';
import { cachingSourceReader, formatDiagnostic, type SourceReader } from '../errors';

/** Codes a user answers with `--image SVC=REF`. */
const IMAGE_CODES: ReadonlySet<string> = new Set(['image-missing', 'image-latest', 'image-untagged', 'image-invalid']);

/** How many diagnostics of one code are shown in full before the rest are summarised. */
const SHOWN_PER_CODE = 1;
/** How many further locations a summary line lists. */
const LOCATIONS_PER_CODE = 3;

/**
 * Diagnostics for a person: in source order, each code shown in full once, then one line with how many more
 * there are and where the first of them are; `verbose` shows every one (infos included). Hundreds of env-unset
 * warnings no longer bury the one error that matters. Errors are always shown in full: each needs an action.
 */
export function formatReport(diagnostics: readonly Diagnostic[], verbose: boolean, readSource?: SourceReader): string[] {
  const shown = sortedBySource(diagnostics.filter((d) => verbose || d.severity !== 'info'));
  const read = cachingSourceReader(readSource);
  if (verbose) return shown.map((d) => formatDiagnostic(d, read));
  const groups = new Map<string, Diagnostic[]>();
  for (const d of shown) groups.set(`${d.severity}\0${d.code}`, [...(groups.get(`${d.severity}\0${d.code}`) ?? []), d]);
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0] as Diagnostic;
    const full = first.severity === 'error' ? group : group.slice(0, SHOWN_PER_CODE);
    lines.push(...full.map((d) => formatDiagnostic(d, read)));
    const rest = group.slice(full.length);
    if (rest.length === 0) continue;
    const where = rest.slice(0, LOCATIONS_PER_CODE).map(location);
    lines.push(`  ... and ${rest.length} more ${first.severity}[${first.code}] at ${where.join(', ')}${rest.length > where.length ? ', ...' : ''} (-v lists them all)`);
  }
  return lines;
}

/**
 * The closing lines: what converted, how many warnings and errors, and the exact flags that answer the errors
 * the tool itself can suggest: `--image` for each unpinned image, and the service selection that leaves out
 * what restricted cannot run.
 */
export function summaryLines(diagnostics: readonly Diagnostic[], services: readonly string[], argv: readonly string[]): string[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const serviceOf = (d: Diagnostic): string | undefined => /^services\.([^.]+)/.exec(d.path ?? '')?.[1];
  const images = [...new Set(errors.filter((d) => IMAGE_CODES.has(d.code)).map(serviceOf).filter((s): s is string => s !== undefined))];
  const refused = new Map<string, Set<string>>();
  for (const d of errors.filter((e) => !IMAGE_CODES.has(e.code))) {
    const service = serviceOf(d);
    if (service !== undefined) refused.set(service, (refused.get(service) ?? new Set()).add(d.code));
  }
  const other = errors.filter((d) => !IMAGE_CODES.has(d.code) && serviceOf(d) === undefined).length;
  const lines = [`webstack: ${services.length - refused.size - images.length} of ${services.length} service(s) ready, ${errors.length} error(s), ${warnings} warning(s)`];
  if (errors.length === 0) return lines;
  if (images.length) lines.push(`  pin ${images.length} image(s): ${images.map((s) => `--image ${s}=<pinned ref>`).join(' ')}`);
  if (refused.size) {
    const kept = services.filter((s) => !refused.has(s));
    const why = [...refused].map(([service, codes]) => `${service} (${[...codes].join(', ')})`).join(', ');
    lines.push(`  restricted cannot run ${why}; convert the others with: webstack convert ${[...argv.filter((a) => !services.includes(a)), ...kept].join(' ')}`);
  }
  if (other) lines.push(`  ${other} error(s) outside any service: see above`);
  return lines;
}

function location(d: Diagnostic): string {
  return d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.column}` : (d.path ?? '?');
}

/** Source order (file, line, column), stable for diagnostics without a position (they come last, as reported). */
function sortedBySource(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): [string, number, number] => [d.pos?.file ?? '\uffff', d.pos?.line ?? 0, d.pos?.column ?? 0];
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const [fa, la, ca] = key(a.d);
      const [fb, lb, cb] = key(b.d);
      return fa.localeCompare(fb) || la - lb || ca - cb || a.i - b.i;
    })
    .map(({ d }) => d);
}
