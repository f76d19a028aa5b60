import type * as k8s from '../../imports/k8s';

/** A reference to one key of a Secret or ConfigMap the user creates; the manifest holds only the name and key. */
export interface KeyReference {
  /** Name of the Secret or ConfigMap. */
  readonly name: string;
  /** Key inside it. */
  readonly key: string;
  /** Start the pod even when the key is missing. @default false */
  readonly optional?: boolean;
}

/**
 * An environment value: a literal string (never a secret: use `secretKeyRef`), a Secret key or a ConfigMap key.
 */
export type EnvValue = string | { readonly secretKeyRef: KeyReference } | { readonly configMapKeyRef: KeyReference };

/** Renders env vars in the order given, which `$(VAR)` expansion in later values and args depends on. */
export function renderEnv(env: Readonly<Record<string, EnvValue>>): k8s.EnvVar[] {
  return Object.entries(env).map(([name, value]) => {
    if (typeof value === 'string') return { name, value };
    if ('secretKeyRef' in value) return { name, valueFrom: { secretKeyRef: { ...value.secretKeyRef } } };
    return { name, valueFrom: { configMapKeyRef: { ...value.configMapKeyRef } } };
  });
}
