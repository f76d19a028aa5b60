/**
 * The connections a Compose app makes, read by the tests themselves from the typed model (not by the converter's
 * rules): `depends_on` (except on completion) and `links`; and, in a service's environment, env files and
 * command, URLs with another service as host, `service:port`, and the bare name of a service as the whole value
 * of a variable named like a host (`DB_HOST`, `*_SERVER`, `*_ADDR`).
 */
import * as fs from 'fs';
import type { ComposeProject } from '../../lib/compose/model';
import { parseDotenv } from '../../lib/compose/dotenv';

/** One reference, by the DNS labels the manifests name the two services with. */
export interface ServiceReference {
  readonly from: string;
  readonly to: string;
}

export function serviceReferences(project: ComposeProject): ServiceReference[] {
  const label = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const names = project.services.map((s) => s.name);
  const references: ServiceReference[] = [];
  for (const service of project.services) {
    const named = new Set([
      ...Object.entries(service.dependsOn).filter(([, d]) => d.condition !== 'service_completed_successfully').map(([n]) => n),
      ...service.links.map((l) => l.split(':')[0] as string),
    ]);
    const variables: [string, string][] = Object.entries(service.environment).filter((e): e is [string, string] => typeof e[1] === 'string');
    for (const file of service.envFiles.filter((f) => fs.existsSync(f.path))) {
      const vars: Record<string, string> = {};
      parseDotenv(fs.readFileSync(file.path, 'utf8'), file.path, (name) => vars[name], vars);
      variables.push(...Object.entries(vars));
    }
    const texts = [...variables.map(([, v]) => v), ...(service.entrypoint ?? []), ...(service.command ?? [])];
    for (const target of names) {
      const t = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const reference = new RegExp(`://(?:[^@/\\s]*@)?${t}(?![\\w.-])|(?:^|[\\s=,@/])${t}:\\d`);
      if (texts.some((text) => reference.test(text)) || variables.some(([k, v]) => /HOST|SERVER|ADDR/i.test(k) && v === target)) named.add(target);
    }
    for (const target of named) if (target !== service.name) references.push({ from: label(service.name), to: label(target) });
  }
  return references;
}
