import type { ServiceSpec } from '../compose/model';
import type { ServiceReporter } from './report';
import { isMappedKey, SERVICE_KEYS } from './service-keys';

/**
 * The guarantee that nothing is dropped silently: every key the service sets is either mapped by a concern (which
 * reports whatever part of it cannot be honoured) or reported here with what Kubernetes does instead. `x-*`
 * extensions other than `x-webstack` are ignored, as the Compose specification says.
 */
export function reportUnmappedKeys(service: ServiceSpec, reporter: ServiceReporter): void {
  for (const key of Object.keys(service.keyPositions)) {
    if (key.startsWith('x-')) continue;
    const rule = SERVICE_KEYS[key];
    if (rule === undefined) {
      reporter.report('unsupported-key', { at: key, message: `${key} is not converted: the converter does not know this key`, value: key, fix: `remove ${key}, or set its Kubernetes equivalent in TypeScript` });
    } else if (!isMappedKey(rule)) {
      reporter.report(rule.code, { at: key, message: `${key} is not converted: ${rule.instead}`, value: key, fix: rule.fix });
    }
  }
}
