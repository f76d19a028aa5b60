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
        source.kind === 'file' ? `--from-file=${shellWord(`${key}=${source.path}`)}` : `--from-literal=${shellWord(key)}=${valueFrom(source.kind === 'literal' ? source.variable : key)}`,
      );
      return [`kubectl -n ${namespace} create secret generic ${secret.name}`, ...sources].join(' \\\n    ');
    });
}

/** `"$NAME"` for a name the shell can expand; a placeholder to fill in otherwise (`A-B` is not a shell variable). */
function valueFrom(variable: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(variable) ? `"$${variable}"` : shellWord(`<value of ${variable}>`);
}

/** A word the shell reads as written: the commands are meant to be pasted, and paths and names come from the project. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
