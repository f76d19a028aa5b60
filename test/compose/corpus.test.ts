import * as fs from 'fs';
import * as path from 'path';
import { App, Yaml } from 'cdk8s';
import { loadCompose } from '../../lib/compose';
import type { ComposeProject } from '../../lib/compose/model';
import { buildStack, convertProject, type ConvertOptions } from '../../lib/convert';
import { isSecretVariable } from '../../lib/convert/secret-keys';
import { parseDotenv } from '../../lib/compose/dotenv';
import type { Diagnostic } from '../../lib/errors';
import { podTemplateOf } from '../../lib/policy/pod-templates';
import { checkRestricted } from '../../lib/policy/restricted';
import { describeCorpus, type CorpusCase } from '../support/corpus';
import { imagePins, userFixes } from '../support/corpus-fixes';

/**
 * End to end over the real corpus: every documented merge order loads, converts and synthesizes in-process.
 * As published, errors are allowed only with a code listed here, each with the reason the corpus triggers it (the
 * per-case list is in the snapshot, so a new error anywhere shows up in review). With the user's fixes
 * (test/support/corpus-fixes.ts: override files and --rwx-storage-class) every case converts with no error.
 */
const DOCUMENTED_ERRORS: Readonly<Record<string, string>> = {
  'volume-bind-missing': 'the corpus copies compose and env files only, not the config directories they bind-mount',
  'volume-shared': 'media/sites volumes shared by several services (saleor, DefectDojo, frappe) need ReadWriteMany storage',
  'service-without-port': 'services reached on ports they never declare (uwsgi, custom kafka/opamp images, build-only backends)',
  'volume-docker-socket': 'traefik, portainer and the otel collector read the Docker socket',
  'volume-host-path': 'host paths such as /proc, /sys, /etc/localtime and absolute data directories',
  'user-root': 'the otel collector runs as 0:0',
  'host-namespace-forbidden': 'playwright ipc: host, plex network_mode: host, the eBPF profiler pid: host',
  'privileged-forbidden': 'the eBPF profiler is privileged',
  'cap-add-forbidden': 'wireguard and pihole add NET_ADMIN/SYS_MODULE',
  'sysctl-unsafe': 'wireguard sets net.ipv4.conf.all.src_valid_mark',
  'healthcheck-no-test': "zulip CI overrides only the timings of the image's own HEALTHCHECK",
};

/** Cases whose full manifests are snapshotted for review. */
const SNAPSHOTS = new Set(['real/saleor__saleor-platform#1', 'real/DefectDojo__django-DefectDojo#1', 'awesome-compose/nginx-flask-mysql']);

/** Secret values shorter than this are trivial (`app`, `saleor`) and also appear as names; they are not searched. */
const MIN_SECRET_LENGTH = 8;

describeCorpus('corpus conversion', (cases) => {
  test.each(cases.map((c) => [c.id, c] as const))('%s converts, synthesizes and passes restricted', (id, c) => {
    const { errors, output } = convertAndCheck(c, [], {});
    expect(errors.filter((d) => DOCUMENTED_ERRORS[d.code] === undefined).map((d) => `${d.code} ${d.path}`)).toEqual([]);
    expect(errorSummary(errors)).toMatchSnapshot('errors');
    if (SNAPSHOTS.has(id)) expect(output).toMatchSnapshot('manifests');
  });

  test.each(cases.map((c) => [c.id, c] as const))("%s with the user's fixes: converts with zero error diagnostics and passes restricted", (_id, c) => {
    const fixes = userFixes(c);
    const { errors } = convertAndCheck(c, fixes.files, { rwxStorageClass: fixes.rwxStorageClass });
    expect(errorSummary(errors)).toEqual([]);
  });
});

/**
 * Loads a case (plus extra override files), converts it with its image errors pinned the way a user would, and
 * checks what every conversion must satisfy whatever its errors: the manifests synthesize, pass restricted and
 * leak no secret value. Returns the errors and the YAML for the caller's own expectations.
 */
function convertAndCheck(c: CorpusCase, extraFiles: readonly string[], options: ConvertOptions): { errors: Diagnostic[]; output: string } {
  const loaded = loadCompose({ files: [...c.files, ...extraFiles], envFiles: [...c.envFiles], profiles: [...c.profiles], environment: { ...c.env } });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const project = loaded.project as ComposeProject;

  const first = convertProject(project, options);
  const converted = convertProject(project, { ...options, images: imagePins(first.diagnostics) });
  const errors = converted.diagnostics.filter((d) => d.severity === 'error');

  const manifests = buildStack(new App(), converted.spec).toJson() as Manifest[];
  const violations = manifests.flatMap((m) => {
    const located = podTemplateOf(m);
    return located ? checkRestricted(located.template, `${m.kind}/${m.metadata.name}`).map((v) => `${v.code} ${v.path}`) : [];
  });
  expect(violations).toEqual([]);

  const output = Yaml.stringify(...manifests);
  expect(secretValues(c, project).filter((value) => containsToken(output, value))).toEqual([]);
  return { errors, output };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized manifests are JSON
type Manifest = any;

/** A whole-token occurrence: `postgres_password` inside the secret name `zulip__postgres_password` is no leak. */
function containsToken(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`).test(text);
}

function errorSummary(errors: readonly Diagnostic[]): string[] {
  return errors.map((d) => `${d.code} ${d.path} ${d.pos ? `${path.basename(d.pos.file)}:${d.pos.line}:${d.pos.column}` : ''}`);
}

/**
 * Values that must never reach the output: secret-looking entries of every env file the case reads (the
 * interpolation files and the services' env_file), the password inside URLs, and the content of secret files.
 */
function secretValues(c: CorpusCase, project: ComposeProject): string[] {
  const dotenv = path.join(c.projectDir, '.env');
  const envFiles = [...(c.envFiles.length ? c.envFiles : fs.existsSync(dotenv) ? [dotenv] : []), ...project.services.flatMap((s) => s.envFiles.map((f) => f.path))];
  const values = new Set<string>();
  for (const file of envFiles.filter((f) => fs.existsSync(f))) {
    const vars: Record<string, string> = {};
    parseDotenv(fs.readFileSync(file, 'utf8'), file, (name) => vars[name], vars);
    for (const [key, value] of Object.entries(vars)) {
      if (!isSecretVariable(key, value)) continue;
      values.add(value);
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:([^/@\s]+)@/i.exec(value)?.[1];
      if (password) values.add(password);
    }
  }
  for (const secret of Object.values(project.secrets)) {
    if (secret.file && fs.existsSync(secret.file)) values.add(fs.readFileSync(secret.file, 'utf8').trim());
  }
  return [...values].filter((v) => v.length >= MIN_SECRET_LENGTH);
}
