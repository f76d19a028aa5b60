import type { Diagnostic, SourcePosition } from '../errors';
import { ConvertCode, convertDiagnostic } from './codes';

/** What a concern says about one service; the reporter adds the position and the dotted path. */
export interface ServiceFinding {
  /** Path below the service (`healthcheck.interval`, `ports.1`); the service itself when absent. */
  readonly at?: string;
  readonly message: string;
  readonly fix?: string;
  readonly value?: string;
}

/** Finds where a key below a service was written; walks up to the nearest positioned ancestor. */
export type PositionLookup = (path: readonly string[]) => SourcePosition | undefined;

/** Collects diagnostics for one service, positioned at the source of the value that won the merge. */
export class ServiceReporter {
  private readonly collected: Diagnostic[] = [];

  constructor(
    /** Compose service name, as written. */
    readonly service: string,
    private readonly lookup: PositionLookup,
  ) {}

  report(code: ConvertCode, finding: ServiceFinding): void {
    const segments = finding.at === undefined || finding.at === '' ? [] : finding.at.split('.');
    this.collected.push(
      convertDiagnostic(code, `service '${this.service}': ${finding.message}`, {
        fix: finding.fix,
        value: finding.value,
        pos: this.positionOf(segments),
        path: ['services', this.service, ...segments].join('.'),
      }),
    );
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.collected;
  }

  private positionOf(segments: readonly string[]): SourcePosition | undefined {
    for (let n = segments.length; n >= 0; n--) {
      const pos = this.lookup(segments.slice(0, n));
      if (pos) return pos;
    }
    return undefined;
  }
}
