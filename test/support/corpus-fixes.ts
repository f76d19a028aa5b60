/**
 * The user's fixes for corpus cases: what a user adds so that `webstack convert` accepts a project it refuses as
 * published. Each fix is a Compose override file in test/fixtures/corpus-fixes (ours; the corpus files are never
 * copied or edited), passed as extra `-f` files after the case's own, plus `--rwx-storage-class` for volumes that
 * several services share. Every change in a file starts with a comment saying why a user would make it. Image pins
 * for `latest`/untagged/build-only images are separate (`--image`, see each test), as the converter's own fix
 * texts suggest.
 */
import * as path from 'path';
import type { Diagnostic } from '../../lib/errors';
import { REPO_ROOT, type CorpusCase } from './corpus';

/** Where the override files live. */
export const CORPUS_FIXES_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'corpus-fixes');

/** The ReadWriteMany StorageClass the user names for shared volumes (a placeholder; the API server does not check it). */
export const RWX_STORAGE_CLASS = 'shared-rwx';

/** Override files by case id, merged in this order after the case's files; cases not listed need none. */
const FIX_FILES: Readonly<Record<string, readonly string[]>> = {
  'real/DefectDojo__django-DefectDojo#1': ['defectdojo.yaml'],
  'real/DefectDojo__django-DefectDojo#2': ['defectdojo.yaml', 'defectdojo-dev.yaml'],
  'real/DefectDojo__django-DefectDojo#3': ['defectdojo.yaml'],
  'real/DefectDojo__django-DefectDojo#4': ['defectdojo-unit-tests.yaml'],
  'real/DefectDojo__django-DefectDojo#5': ['defectdojo.yaml', 'defectdojo-integration-tests.yaml'],
  'real/DefectDojo__django-DefectDojo#6': ['defectdojo-unit-tests.yaml'],
  'real/fastapi__full-stack-fastapi-template#1': ['fastapi-dev.yaml'],
  'real/fastapi__full-stack-fastapi-template#2': ['fastapi-deploy.yaml'],
  'real/frappe__frappe_docker#1': ['frappe.yaml'],
  'real/frappe__frappe_docker#2': ['frappe.yaml', 'frappe-proxy.yaml'],
  'real/frappe__frappe_docker#3': ['frappe.yaml', 'frappe-https.yaml'],
  'real/mattermost__docker#1': ['mattermost.yaml'],
  'real/mattermost__docker#2': ['mattermost.yaml'],
  'real/open-telemetry__opentelemetry-demo#1': ['otel-demo.yaml', 'otel-demo-full.yaml'],
  'real/open-telemetry__opentelemetry-demo#2': ['otel-demo.yaml'],
  'real/open-telemetry__opentelemetry-demo#3': ['otel-demo.yaml', 'otel-demo-full.yaml', 'otel-demo-profiling.yaml'],
  'real/open-telemetry__opentelemetry-demo#4': ['otel-demo.yaml', 'otel-demo-full.yaml', 'otel-demo-agent.yaml'],
  'real/open-telemetry__opentelemetry-demo#5': ['otel-demo.yaml', 'otel-demo-full.yaml', 'otel-demo-tests.yaml'],
  'real/saleor__saleor-platform#1': ['saleor.yaml'],
  'real/zulip__docker-zulip#2': ['zulip-ci.yaml'],
  'real/zulip__docker-zulip#3': ['zulip-ci.yaml', 'zulip-certbot.yaml'],
  ...Object.fromEntries(
    [
      'angular', 'apache-php', 'elasticsearch-logstash-kibana', 'minecraft', 'nginx-aspnet-mysql', 'nginx-flask-mongo',
      'nginx-golang', 'nginx-golang-mysql', 'nginx-golang-postgres', 'nginx-wsgi-flask', 'pihole-cloudflared-DoH', 'plex',
      'portainer', 'prometheus-grafana', 'react-express-mongodb', 'react-express-mysql', 'react-java-mysql',
      'react-rust-postgres', 'traefik-golang', 'vuejs', 'wasmedge-kafka-mysql', 'wasmedge-mysql-nginx', 'wireguard',
    ].map((example) => [`awesome-compose/${example}`, [`${example}.yaml`]]),
  ),
};

/** What a user adds to a case's `docker compose`/`webstack convert` command so that it converts. */
export interface UserFixes {
  /** Absolute paths of the override files, to pass as `-f` after the case's files (empty when none is needed). */
  readonly files: readonly string[];
  /** `--rwx-storage-class`, for every case: it only changes cases with shared volumes. */
  readonly rwxStorageClass: string;
}

export function userFixes(c: CorpusCase): UserFixes {
  return { files: (FIX_FILES[c.id] ?? []).map((name) => path.join(CORPUS_FIXES_DIR, name)), rwxStorageClass: RWX_STORAGE_CLASS };
}

/** Every override file some case uses, by name (for the test that no file is orphaned). */
export function fixFileNames(): string[] {
  return [...new Set(Object.values(FIX_FILES).flat())].sort();
}

/** Findings a user answers with `--image svc=ref`: a build-only service, or an image that is not pinned. */
const IMAGE_CODES: ReadonlySet<string> = new Set(['image-missing', 'image-latest', 'image-untagged']);

/**
 * The `--image svc=ref` pins a user gives for the image findings of a first conversion: the same repository at a
 * pinned tag (so role detection by image still applies), or `example.invalid/<service>` for a build-only service.
 * Images are never pulled; the tests judge the manifests, not the images.
 */
export function imagePins(diagnostics: readonly Diagnostic[]): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const d of diagnostics) {
    const service = /^services\.([^.]+)\./.exec(d.path ?? '')?.[1];
    if (d.severity !== 'error' || !IMAGE_CODES.has(d.code) || service === undefined) continue;
    const repository = d.code === 'image-missing' ? `example.invalid/${service}` : (d.value ?? '').replace(/:[^/:@]*$/, '');
    pins[service] = `${repository}:1.0`;
  }
  return pins;
}
