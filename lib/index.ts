// The public API of cdk8s-webstack. Re-exports only; every concept lives in its own module.

// Stack and example
export * from './stack';
export * from './stack/standard';
export type { LimitRangeOverrides } from './stack/namespace';
export type { Edge, TrafficGraph } from './stack/edges';
export type { DnsPeer } from './kube/network-policy';
export { escapeForHelm, manifestFileName, manifestsYaml, publishAtomically, publishForCdk8sCli, writeManifests, type PublishOptions } from './synth';
export { OutputDirError } from './output-dir';
export { defineExampleStack, exampleStackProps, synthExample, EXAMPLE_SECRETS } from './example';

// Roles
export type { IStackRole, RolePort } from './services/role';
export * from './services/workload-options';
export { Workload } from './services/workload';
export { DeploymentWorkload } from './services/deployment-workload';
export { StatefulWorkload } from './services/stateful-workload';
export * from './services/web-service';
export * from './services/backend';
export * from './services/frontend';
export * from './services/worker';
export * from './services/celery-worker';
export * from './services/celery-beat';
export * from './services/redis';
export * from './services/postgres';
export * from './services/proxy';
export * from './services/edge-proxy';
export * from './services/data-service';
export * from './services/task';
export type { EnvValue, KeyReference } from './kube/env';
export type { ProbeSpec, ProbeOverride, ProbeTimings } from './kube/probes';
export type { ResourceAmounts, ResourceOverrides } from './kube/resources';
export type { VolumeSpec, KeyToPath } from './kube/volumes';
export { MisuseError, type MisuseCode } from './kube/misuse';
export { lintAcknowledgements, ACKNOWLEDGED_REASONS } from './kube/lint-acknowledgements';

// Policy
export { checkRestricted } from './policy/restricted';
export { checkHygiene, checkImage } from './policy/hygiene';
export { checkManifest } from './policy/manifest';
export { findPolicyViolations, PodPolicyValidation } from './policy/synth-check';
export { acknowledgeCheck } from './policy/acknowledge';
export type { PolicyCode, PolicyViolation } from './policy/violation';

// Compose loader and converter
export { loadCompose, type LoadComposeOptions, type LoadComposeResult, type LoadOptions } from './compose';
export type * from './compose/model';
export * from './convert';

// Diagnostics and defaults
export * from './errors';
export * as defaults from './defaults';
