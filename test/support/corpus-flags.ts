/**
 * The flags a user adds to a corpus case's command because the converter's own errors ask for them, and nothing
 * else: `--image SVC=REF` for an image that is not pinned (or a build-only service), and, for a service the
 * converter refuses because Pod Security restricted cannot run it (the Docker socket, host namespaces,
 * privileged, ...), the `webstack convert SERVICE...` selection that leaves it out. No override file, no
 * hand-written fix: "converts as published plus the flags the tool suggests".
 */
import { loadCompose } from '../../lib/compose';
import { convertCompose, type ConvertComposeOptions } from '../../lib/convert';
import type { Diagnostic } from '../../lib/errors';
import type { CorpusCase } from './corpus';

/** Findings a user answers with `--image svc=ref`: a build-only service, or an image that is not pinned. */
const IMAGE_CODES: ReadonlySet<string> = new Set(['image-missing', 'image-latest', 'image-untagged']);

/** What a user passes besides the case's own flags. */
export interface SuggestedFlags {
  /** `--image` pins, by service. */
  readonly images: Readonly<Record<string, string>>;
  /** `SERVICE...` positionals: every service but those left out (empty: no selection, every service). */
  readonly services: readonly string[];
  /** Services left out, each with the codes of the errors that refuse it (or that it depends on one left out). */
  readonly leftOut: Readonly<Record<string, readonly string[]>>;
  /** True when every service had to be left out: the case is refused whatever the user passes. */
  readonly refused: boolean;
}

/** `--image SVC=REF` for each pin. */
export function imageArgs(flags: Pick<SuggestedFlags, 'images'>): string[] {
  return Object.entries(flags.images).flatMap(([service, ref]) => ['--image', `${service}=${ref}`]);
}

/** The options of `convertCompose` for a case as documented, before any suggested flag. */
export function caseOptions(c: CorpusCase): ConvertComposeOptions {
  return { files: [...c.files], envFiles: [...c.envFiles], profiles: [...c.profiles], environment: { ...c.env } };
}

/**
 * The `--image svc=ref` pins a user gives for the image findings of a conversion: the same repository at a
 * pinned tag (so role detection by image still applies), or `example.invalid/<service>` for a build-only service.
 * Images are never pulled; the tests judge the manifests, not the images.
 */
export function imagePins(diagnostics: readonly Diagnostic[]): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const d of diagnostics) {
    const service = serviceOf(d);
    if (d.severity !== 'error' || !IMAGE_CODES.has(d.code) || service === undefined) continue;
    const repository = d.code === 'image-missing' ? `example.invalid/${service}` : (d.value ?? '').replace(/:[^/:@]*$/, '');
    pins[service] = `${repository}:1.0`;
  }
  return pins;
}

/**
 * Converts the case, pins what the image errors name, then leaves out every service that still has an error,
 * and every service that depends on one left out (selecting it would bring the refused one back, as
 * `docker compose config SERVICE...` does), until nothing is refused.
 */
export function suggestedFlags(c: CorpusCase): SuggestedFlags {
  const options = caseOptions(c);
  const project = loadCompose(options).project;
  if (!project) return { images: {}, services: [], leftOut: {}, refused: true };
  const images = imagePins(convertCompose(options).diagnostics);
  const needs = new Map(project.services.map((s) => [s.name, [...Object.keys(s.dependsOn), ...s.links.map((l) => l.split(':')[0] as string)]]));
  const leftOut: Record<string, string[]> = {};
  for (let services: string[] = []; ; ) {
    const pins = Object.fromEntries(Object.entries(images).filter(([service]) => leftOut[service] === undefined));
    const errors = convertCompose({ ...options, images: pins, services }).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) return { images: pins, services, leftOut, refused: false };
    for (const d of errors) {
      const service = serviceOf(d);
      if (service === undefined) throw new Error(`${c.id}: an error outside any service cannot be left out: ${d.code} ${d.message}`);
      leftOut[service] = [...new Set([...(leftOut[service] ?? []), d.code])];
    }
    for (let grew = true; grew; ) {
      grew = false;
      for (const [service, deps] of needs) {
        const missing = deps.filter((dep) => leftOut[dep] !== undefined);
        if (leftOut[service] === undefined && missing.length) {
          leftOut[service] = missing.map((dep) => `depends on ${dep}`);
          grew = true;
        }
      }
    }
    services = [...needs.keys()].filter((s) => leftOut[s] === undefined);
    if (services.length === 0) return { images, services, leftOut, refused: true };
  }
}

/** `services.<name>.…` -> name. */
function serviceOf(d: Diagnostic): string | undefined {
  return /^services\.([^.]+)/.exec(d.path ?? '')?.[1];
}
