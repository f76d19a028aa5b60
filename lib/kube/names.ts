import type { IConstruct } from 'constructs';
import { misuse } from './misuse';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Object names are used verbatim (no cdk8s hash), so they must already be valid DNS-1123 labels: Services need
 * labels, and every object of a role shares the role's name.
 */
export function validateName(scope: IConstruct, name: string): string {
  if (!DNS_LABEL.test(name)) {
    throw misuse(scope, 'invalid-name', 'name is not a DNS-1123 label', name, 'use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit');
  }
  return name;
}
