import { App, Yaml } from 'cdk8s';
import { loadCompose } from '../../lib/compose';
import type { ComposeProject } from '../../lib/compose/model';
import { buildStack, convertProject } from '../../lib/convert';
import { podTemplateOf } from '../../lib/policy/pod-templates';
import { checkRestricted } from '../../lib/policy/restricted';
import { describeCorpus, type CorpusCase } from '../support/corpus';
import { renderedEdges } from '../stack/support';
import { serviceReferences } from '../support/references';
import { containsToken, corpusSecretValues } from '../support/secrets';
import { caseOptions, suggestedFlags, type SuggestedFlags } from '../support/corpus-flags';

/**
 * End to end over the real corpus, as a user would run it: each documented merge order as published, plus only
 * the flags the converter's own errors suggest (test/support/corpus-flags.ts: `--image` pins, and the service
 * selection that leaves out what Pod Security restricted cannot run). Every converted case synthesizes, passes
 * restricted and leaks no secret value; a service may be left out only for one of the refusals below. The
 * per-case outcome is in the snapshot, so a change in what converts shows up in review.
 */
const REFUSALS: Readonly<Record<string, string>> = {
  'volume-docker-socket': 'traefik, portainer and the otel collector read the Docker socket',
  'volume-host-system': 'host system paths such as /proc, /sys and /lib/modules (the otel collector, the eBPF profiler, pihole, wireguard)',
  'host-namespace-forbidden': 'playwright ipc: host, network_mode: host (plex, the langfuse redis cluster, paperless CI), the eBPF profiler pid: host',
  'privileged-forbidden': 'the eBPF profiler and the penpot dev container are privileged',
  'cap-add-forbidden': 'wireguard and pihole add NET_ADMIN/SYS_MODULE',
  'sysctl-unsafe': 'wireguard sets net.ipv4.conf.all.src_valid_mark',
};

/** The share of merge orders that must convert as published plus suggested flags (issue 8). */
const HEADLINE_TARGET = 0.9;

/** Cases whose full manifests are snapshotted for review. */
const SNAPSHOTS = new Set(['real/saleor__saleor-platform#1', 'real/DefectDojo__django-DefectDojo#1', 'awesome-compose/nginx-flask-mysql']);


describeCorpus('corpus conversion', (cases) => {
  const outcomes = new Map<string, 'converted' | 'refused' | 'rejected by Compose'>();

  afterAll(() => {
    const converted = [...outcomes.values()].filter((o) => o === 'converted').length;
    console.log(`corpus conversion: ${converted}/${cases.length} merge orders convert as published plus suggested flags`);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s converts as published plus suggested flags, synthesizes and passes restricted', (id, c) => {
    if (c.composeRejects) {
      const loaded = loadCompose(caseOptions(c));
      expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pos !== undefined])).toEqual([['env-file-missing', true]]);
      outcomes.set(id, 'rejected by Compose');
      return;
    }
    const flags = suggestedFlags(c);
    expect(Object.values(flags.leftOut).flat().filter((code) => !code.startsWith('depends on ') && REFUSALS[code] === undefined)).toEqual([]);
    expect(summary(flags)).toMatchSnapshot('flags');
    outcomes.set(id, flags.refused ? 'refused' : 'converted');
    if (flags.refused) return;
    const output = convertAndCheck(c, flags);
    if (SNAPSHOTS.has(id)) expect(output).toMatchSnapshot('manifests');
  });

  test(`at least ${HEADLINE_TARGET * 100} % of the merge orders convert as published plus suggested flags`, () => {
    const converted = cases.filter((c) => !c.composeRejects && !suggestedFlags(c).refused).length;
    expect(converted / cases.length).toBeGreaterThanOrEqual(HEADLINE_TARGET);
  });
});

/** What the user passes, in words, for the snapshot. */
function summary(flags: SuggestedFlags): string[] {
  return [
    `--image: ${Object.keys(flags.images).sort().join(' ') || '-'}`,
    ...Object.entries(flags.leftOut).map(([service, why]) => `left out ${service}: ${why.join(', ')}`),
    flags.refused ? 'refused: every service is left out' : `converts${flags.services.length ? ` selecting ${flags.services.length} service(s)` : ''}`,
  ];
}

/**
 * Converts a case with its suggested flags and checks what every conversion must satisfy: no error, the
 * manifests synthesize, pass restricted and leak no secret value. Returns the YAML for snapshots.
 */
function convertAndCheck(c: CorpusCase, flags: SuggestedFlags): string {
  const loaded = loadCompose({ ...caseOptions(c), services: [...flags.services] });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const project = loaded.project as ComposeProject;
  const converted = convertProject(project, { images: flags.images });
  expect(converted.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)).toEqual([]);

  const manifests = buildStack(new App(), converted.spec).toJson() as Manifest[];
  const violations = manifests.flatMap((m) => {
    const located = podTemplateOf(m);
    return located ? checkRestricted(located.template, `${m.kind}/${m.metadata.name}`).map((v) => `${v.code} ${v.path}`) : [];
  });
  expect(violations).toEqual([]);

  const output = Yaml.stringify(...manifests);
  expect(corpusSecretValues(c, project).filter((value) => containsToken(output, value))).toEqual([]);
  expect(blockedReferences(project, manifests)).toEqual([]);
  return output;
}

/**
 * Every connection the app makes must be allowed (issue 8): each service reference the test reads itself
 * (test/support/references.ts) whose target has a Service in the output needs egress on the sender and ingress on
 * the receiver, on some port. A named service without a Service is the start-order-only case the converter warns
 * about. The e2e corpus test checks the same references against np-guard's netpol-analyzer.
 */
function blockedReferences(project: ComposeProject, manifests: readonly Manifest[]): string[] {
  const withService = new Set(manifests.filter((m) => m.kind === 'Service').map((m) => m.metadata.name as string));
  const built = new Set(manifests.filter((m) => ['Deployment', 'StatefulSet', 'Job'].includes(m.kind)).map((m) => m.metadata.name as string));
  const { ingress, egress } = renderedEdges(manifests);
  const allowed = (from: string, to: string): boolean => ingress.some((e) => e.startsWith(`${from}->${to}:`)) && egress.some((e) => e.startsWith(`${from}->${to}:`));
  return serviceReferences(project)
    .filter((r) => built.has(r.from) && withService.has(r.to) && !allowed(r.from, r.to))
    .map((r) => `${r.from} -> ${r.to}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized manifests are JSON
type Manifest = any;

