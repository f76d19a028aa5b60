import { loadCompose, type LoadComposeOptions } from '../compose';
import { hasErrors, type Diagnostic, type SourcePosition } from '../errors';
import { convertProject, type ConvertOptions } from './project';
import { substitutedSecretValues } from './secret-values';
import type { StackSpec } from './spec';

/** Options of {@link convertCompose}: `docker compose` flags plus the converter's own. */
export interface ConvertComposeOptions extends LoadComposeOptions, ConvertOptions {}

/** Where a service and its keys are written. */
export interface ServiceSource {
  readonly pos?: SourcePosition;
  readonly keys: Readonly<Record<string, SourcePosition>>;
}

/** The loaded project as a stack spec, and every diagnostic of loading and converting. */
export interface ConvertComposeResult {
  /** Absent when the Compose files could not be loaded. */
  readonly spec?: StackSpec;
  readonly diagnostics: Diagnostic[];
  /** True when any diagnostic is an error: the spec is then best-effort and must not be deployed. */
  readonly failed: boolean;
  /** Replaces the project's secret values in a text (see ConvertResult.redact); the identity when nothing loaded. */
  readonly redact: (text: string) => string;
  /** The project's services (after profiles and selection), in file order; empty when nothing loaded. */
  readonly services: readonly string[];
  /** Where each of those services is defined, and where each of its keys is written. */
  readonly serviceSources: Readonly<Record<string, ServiceSource>>;
}

/**
 * Loads Compose files exactly as Docker Compose does and maps them to an editable stack spec. Never throws on
 * user input. Imports no cdk8s, so callers that only inspect the spec (the CLI before it writes) start fast.
 *
 * @example
 *   const { spec, diagnostics } = convertCompose({ files: ['compose.yaml', 'compose.prod.yaml'] });
 *   // edit spec.roles[...].props here, then:
 *   buildStack(app, spec!, { namespace: 'shop' });
 */
export function convertCompose(options: ConvertComposeOptions): ConvertComposeResult {
  const loaded = loadCompose(options);
  if (!loaded.project) {
    const secrets = substitutedSecretValues(loaded.substituted ?? {});
    return { diagnostics: loaded.diagnostics, failed: true, redact: secrets.redactor(), services: [], serviceSources: {} };
  }
  const converted = convertProject(loaded.project, options);
  const diagnostics = [...loaded.diagnostics, ...converted.diagnostics];
  return { spec: converted.spec, diagnostics, failed: hasErrors(diagnostics), redact: converted.redact, services: loaded.project.services.map((s) => s.name), serviceSources: Object.fromEntries(loaded.project.services.map((s) => [s.name, { pos: s.pos, keys: s.keyPositions }])) };
}
