import * as path from 'path';
import { parseDotenv } from '../compose/dotenv';
import type { WorkloadOptions } from '../services/workload-options';
import { readConfined } from './confine';
import type { ServiceContext } from './context';
import { isSecretVariable } from './secret-keys';

/** Labels that configure Docker-side tools (routers, updaters); Kubernetes ignores them, so they are not copied. */
const TOOL_LABEL = /^(traefik|caddy|com\.centurylinklabs\.watchtower|kompose|com\.docker\.compose)(\.|$)/;
/** A qualified Kubernetes key: optional DNS-subdomain prefix, then a name of at most 63 characters. */
const QUALIFIED_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/**
 * `labels`, `label_file` and `annotations` -> pod-template annotations; `deploy.labels` -> labels on every object
 * (when they are valid label values, else annotations). Router labels (`traefik.*`) and secret-looking entries are
 * reported and left out: they do nothing in Kubernetes, and annotations are readable by anyone who can list pods.
 */
export function metadataOptions(ctx: ServiceContext): Pick<WorkloadOptions, 'podAnnotations' | 'labels'> {
  const annotations: Record<string, string> = {};
  const labels: Record<string, string> = {};
  const copy = (entries: Readonly<Record<string, string>>, at: string, into: 'annotation' | 'label'): void => {
    for (const [key, value] of Object.entries(entries)) {
      const reason = TOOL_LABEL.test(key)
        ? 'configures a Docker-side tool and has no effect in Kubernetes'
        : isSecretVariable(key, value)
          ? 'looks secret, and metadata is readable by anyone who can list pods'
          : !QUALIFIED_KEY.test(key)
            ? 'is not a valid Kubernetes key'
            : undefined;
      if (reason) {
        ctx.reporter.report('label-not-copied', { at: `${at}.${key}`, message: `label ${key} ${reason}`, value: key, fix: 'configure routing through the proxy role, or set metadata in TypeScript' });
      } else if (into === 'label' && LABEL_VALUE.test(value)) {
        labels[key] = value;
      } else {
        annotations[key] = value;
      }
    }
  };
  copy(labelFiles(ctx), 'label_file', 'annotation');
  copy(ctx.service.labels, 'labels', 'annotation');
  copy(ctx.service.annotations, 'annotations', 'annotation');
  copy(ctx.service.deploy?.labels ?? {}, 'deploy.labels', 'label');
  return {
    podAnnotations: Object.keys(annotations).length ? annotations : undefined,
    labels: Object.keys(labels).length ? labels : undefined,
  };
}

/** `label_file` entries, read like env files (a later file wins; `labels` win over all of them). */
function labelFiles(ctx: ServiceContext): Record<string, string> {
  const files = ctx.service.labelFiles;
  const labels: Record<string, string> = {};
  files.forEach((file, i) => {
    const resolved = path.resolve(ctx.project.workingDir, file);
    const content = readConfined(ctx, resolved, `label_file.${i}`, 'label_file');
    if (content !== undefined) parseDotenv(content.toString('utf8'), resolved, (name) => labels[name], labels);
  });
  return labels;
}
