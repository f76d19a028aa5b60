import type { IConstruct } from 'constructs';
import { misuse } from './misuse';

/** `name[:tag][@sha256:<64 hex>]`, where the name may start with a registry host (which may carry a port). */
const REFERENCE = /^(?<name>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+(?=\/))?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/**
 * Rejects image references that do not pin a version: untagged and `:latest` images change under a running
 * Deployment, so rollbacks and re-synths stop meaning anything. A digest always passes.
 */
export function validateImage(scope: IConstruct, image: string): string {
  const match = REFERENCE.exec(image);
  if (!match?.groups) {
    throw misuse(scope, 'image-invalid', 'image is not a valid image reference', image, 'write it as name:tag or name@sha256:<digest>, e.g. "myorg/api:1.4.2"');
  }
  const { tag, digest } = match.groups;
  if (digest) return image;
  if (!tag) {
    throw misuse(scope, 'image-untagged', 'image has no tag or digest', image, `pin a version, e.g. "${image}:1.2.3" or "${image}@sha256:<digest>"`);
  }
  if (tag === 'latest') {
    throw misuse(scope, 'image-latest', 'image uses the mutable tag "latest"', image, 'pin a version tag such as ":1.2.3" or a digest "@sha256:<digest>"');
  }
  return image;
}
