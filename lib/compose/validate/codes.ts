import { type CodeTable, diagnosticFactory } from '../../errors';

/**
 * Every diagnostic code the validate stage can emit, with its severity. Codes are a contract (tests and users
 * match on them): never rename or reuse one.
 */
export const VALIDATE_CODES = {
  'schema-unknown-key': { severity: 'error', summary: 'a key the Compose schema does not define here' },
  'schema-invalid-name': { severity: 'error', summary: 'a service, network or volume name with invalid characters' },
  'schema-type': { severity: 'error', summary: 'a value of the wrong type' },
  'schema-enum': { severity: 'error', summary: 'a value outside the allowed set' },
  'schema-required': { severity: 'error', summary: 'a required key is missing' },
  'schema-pattern': { severity: 'error', summary: 'a string that does not match the allowed format' },
  'schema-duplicate-item': { severity: 'error', summary: 'a list that must be unique repeats an item' },
  'schema-invalid': { severity: 'error', summary: 'any other schema violation (range, length, combination)' },
  'version-obsolete': { severity: 'info', summary: 'the top-level version key is ignored by Compose' },
  'service-image-missing': { severity: 'error', summary: 'a service has neither image nor build' },
  'service-name-collision': { severity: 'error', summary: 'two service names map to the same DNS-1123 label' },
  'depends-on-undefined': { severity: 'error', summary: 'depends_on names a service that does not exist' },
  'depends-on-cycle': { severity: 'error', summary: 'depends_on entries form a cycle, which Compose refuses' },
  'env-file-missing': { severity: 'error', summary: 'a required env_file does not exist (Compose refuses to load the project)' },
  'depends-on-optional-undefined': { severity: 'info', summary: 'depends_on with required: false names a missing service' },
  'links-undefined': { severity: 'error', summary: 'links names a service that does not exist' },
  'extends-undefined': { severity: 'error', summary: 'extends names a service that does not exist' },
  'network-mode-service-undefined': { severity: 'error', summary: 'network_mode service:X names a missing service' },
  'network-undefined': { severity: 'error', summary: 'a service joins a network not declared at top level' },
  'volume-undefined': { severity: 'error', summary: 'a service mounts a named volume not declared at top level' },
  'secret-undefined': { severity: 'error', summary: 'a service uses a secret not declared at top level' },
  'config-undefined': { severity: 'error', summary: 'a service uses a config not declared at top level' },
} as const satisfies CodeTable;

export type ValidateCode = keyof typeof VALIDATE_CODES;

/** Builds a validate diagnostic whose severity is the one registered for `code`. */
export const validateDiagnostic = diagnosticFactory(VALIDATE_CODES);
