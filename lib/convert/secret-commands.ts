import type { RequiredSecret } from './spec';

/**
 * The `kubectl create secret generic` command for each Secret the stack references, with placeholders (or the
 * file paths) where values go: the converter never prints or writes a secret value.
 */
export function secretCommands(secrets: readonly RequiredSecret[], namespace: string): string[] {
  return secrets
    .filter((s) => Object.values(s.keys).some((source) => source.kind !== 'external'))
    .map((secret) => {
      const sources = Object.entries(secret.keys).map(([key, source]) =>
        source.kind === 'file' ? `--from-file=${key}=${source.path}` : `--from-literal=${key}="$${source.kind === 'literal' ? source.variable : key}"`,
      );
      return [`kubectl -n ${namespace} create secret generic ${secret.name}`, ...sources].join(' \\\n    ');
    });
}
