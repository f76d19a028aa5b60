import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../errors';
import { formatDiagnostic } from '../errors';
import { convertCompose, type ConvertComposeResult } from '../convert/convert-compose';
import { secretCommands } from '../convert/secret-commands';
import type { StackSpec } from '../convert/spec';
import type { ConvertArgs, InitArgs } from './args';
import { checkOutputDir, OutputDirError, type OutputDirRules } from '../output-dir';
import { cliDiagnostic } from './codes';
import { formatReport, summaryLines } from './report';
import { EXIT, type CliIo } from './io';

/**
 * `webstack convert`: load, map, and only when nothing is wrong (no error; no warning with --strict) build and
 * write. cdk8s is loaded only then, which keeps failing runs and `--help` fast.
 */
export function runConvert(args: ConvertArgs, io: CliIo): number {
  const outputRules = protectingInputs(args, io);
  if (!args.stdout) {
    const refusal = outputRefusal(() => checkOutputDir(path.resolve(io.cwd, args.outDir), outputRules), io);
    if (refusal !== undefined) return refusal;
  }
  const converted = convertForCli(args, io);
  if (!converted.ok) return EXIT.inputError;
  const { result, warnings } = converted;
  const manifests = renderOrRefuse(converted, args, io);
  if (typeof manifests === 'number') return manifests;
  if (args.stdout) {
    io.stdout(manifests.text);
  } else {
    const { publishAtomically } = require('../synth') as typeof import('../synth');
    const publish = (): void => publishAtomically(path.resolve(io.cwd, args.outDir), (staging) => fs.writeFileSync(path.join(staging, manifests.fileName), manifests.text), { rules: outputRules });
    const refusal = outputRefusal(publish, io);
    if (refusal !== undefined) return refusal;
    io.stderr(`webstack: wrote ${path.join(args.outDir, manifests.fileName)} (${warnings} warning(s))`);
  }
  io.stderr(`webstack: ${roleSummary(result.spec)}`);
  const commands = secretCommands(result.spec.secrets, result.spec.namespace);
  if (commands.length) io.stderr(['', 'Create these Secrets before applying (values never leave your machine):', ...commands].join('\n'));
  return EXIT.ok;
}

/** The output rules of a run: the project directory and every input stay out of reach, whatever --force says. */
export function protectingInputs(args: Pick<ConvertArgs, 'files' | 'envFiles' | 'force'>, io: CliIo): OutputDirRules {
  const files = args.files.map((f) => path.resolve(io.cwd, f));
  const envFiles = args.envFiles.map((f) => path.resolve(io.cwd, f));
  return { cwd: io.cwd, force: args.force, protectedPaths: [...files, ...files.map((f) => path.dirname(f)), ...envFiles] };
}

/** A conversion the CLI may go on with, its diagnostics already printed; or `ok: false` when nothing may be written. */
export type CliConversion =
  | { readonly ok: true; readonly result: ConvertComposeResult & { readonly spec: StackSpec }; readonly say: CliIo; readonly warnings: number }
  | { readonly ok: false };

/**
 * Loads and converts as `convert` and `init` both do, prints the diagnostics with every secret value redacted,
 * and decides whether the run may write: not after an error, nor after a warning with --strict.
 */
export function convertForCli(args: Omit<InitArgs, 'dir' | 'environments'>, io: CliIo): CliConversion {
  const files = args.files.map((f) => path.resolve(io.cwd, f));
  const result = convertCompose({
    files: files.length ? files : undefined,
    workingDir: files.length ? undefined : io.cwd,
    envFiles: args.envFiles.map((f) => path.resolve(io.cwd, f)),
    services: args.services,
    profiles: [...args.profiles],
    environment: io.env,
    namespace: args.namespace,
    images: args.images,
    rwxStorageClass: args.rwxStorageClass,
    allowPaths: args.allowPaths.map((dir) => path.resolve(io.cwd, dir)),
  });
  // Diagnostics quote values; none of the project's secret values may reach the terminal or a CI log.
  const say: CliIo = { ...io, stderr: (text) => io.stderr(result.redact(text)) };
  for (const text of formatReport(result.diagnostics, args.verbose, io.readSource)) say.stderr(text);
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (!result.spec || errors > 0 || (args.strict && warnings > 0)) {
    for (const text of summaryLines(result.diagnostics, result.services, args.argv)) say.stderr(text);
    io.stderr(`webstack: nothing was written${args.strict && errors === 0 ? ' (--strict makes the warnings fatal)' : ''}`);
    return { ok: false };
  }
  return { ok: true, result: { ...result, spec: result.spec }, say, warnings };
}

/** The manifests of a conversion; or, when a role construct refuses its props, the exit code after reporting it. */
export function renderOrRefuse(converted: CliConversion & { ok: true }, args: { readonly format?: ConvertArgs['format']; readonly verbose: boolean }, io: CliIo): { fileName: string; text: string } | number {
  const { result, say, warnings } = converted;
  try {
    return synthesize(result.spec, args.format ?? 'yaml');
  } catch (error) {
    const refused = constructRefusal(error, result.spec, result.diagnostics);
    if (!refused) throw error;
    for (const text of formatReport([refused], args.verbose, io.readSource)) say.stderr(text);
    io.stderr(`webstack: 1 error(s), ${warnings} warning(s); nothing was written`);
    return EXIT.inputError;
  }
}

/** Runs `write`; an output directory the rules refuse (or cannot be written) is an input error, reported plainly. */
export function outputRefusal(write: () => void, io: CliIo): number | undefined {
  try {
    write();
    return undefined;
  } catch (error) {
    if (!(error instanceof OutputDirError)) throw error;
    io.stderr(`${formatDiagnostic(cliDiagnostic('output-dir', error.message, { value: error.target }))}\nwebstack: nothing was written`);
    return EXIT.inputError;
  }
}

/**
 * A role construct refused its props (a MisuseError: an input the mapping let through, such as an odd probe or
 * port): an input error at the service it came from, not a crash. Any other error stays an internal one.
 */
function constructRefusal(error: unknown, spec: StackSpec, diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  if (!(error instanceof Error) || error.name !== 'MisuseError') return undefined;
  const misuse = error as Error & { code: string; path: string; fix: string };
  const roleName = misuse.path.split('/').find((part) => spec.roles.some((r) => r.props.name === part));
  const service = spec.roles.find((r) => r.props.name === roleName)?.service;
  const at = diagnostics.find((d) => service !== undefined && d.path === `services.${service}` && d.pos)?.pos;
  return cliDiagnostic('construct-refused', `${service ? `service '${service}': ` : ''}the ${misuse.code} check of the role construct refused it: ${misuse.message}`, {
    pos: at,
    path: service ? `services.${service}` : undefined,
    fix: misuse.fix,
  });
}

/** `6 services: 2 web-service, celery-worker, postgres, proxy, redis`: what the stack became, at a glance. */
function roleSummary(spec: StackSpec): string {
  const counts = new Map<string, number>();
  for (const role of spec.roles) counts.set(role.role, (counts.get(role.role) ?? 0) + 1);
  const roles = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([role, n]) => (n > 1 ? `${n} ${role}` : role));
  return `${spec.roles.length} service(s): ${roles.join(', ')}`;
}

/** Builds the stack and renders it; any failure here is a converter bug, not an input error. */
function synthesize(spec: StackSpec, format: ConvertArgs['format']): { fileName: string; text: string } {
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { stringifyManifests } = require('../yaml-output') as typeof import('../yaml-output');
  const { buildStack } = require('../convert/build') as typeof import('../convert/build');
  const { manifestFileName } = require('../synth') as typeof import('../synth');
  const app = new App({ outdir: path.join(require('os').tmpdir(), 'webstack-unused') });
  const stack = buildStack(app, spec);
  const objects = stack.toJson() as unknown[];
  return format === 'json'
    ? { fileName: manifestFileName(spec.name, 'json'), text: `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n` }
    : { fileName: manifestFileName(spec.name), text: stringifyManifests(objects) };
}
