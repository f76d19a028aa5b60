import type { IConstruct } from 'constructs';
import { imagePinning, parseImageRef } from '../image-ref';
import { misuse } from './misuse';

/**
 * Rejects image references that do not pin a version: untagged and `:latest` images change under a running
 * Deployment, so rollbacks and re-synths stop meaning anything. A digest always passes.
 */
export function validateImage(scope: IConstruct, image: string): string {
  const ref = parseImageRef(image);
  if (!ref) {
    throw misuse(scope, 'image-invalid', 'image is not a valid image reference', image, 'write it as name:tag or name@sha256:<digest>, e.g. "myorg/api:1.4.2"');
  }
  switch (imagePinning(ref)) {
    case 'untagged':
      throw misuse(scope, 'image-untagged', 'image has no tag or digest', image, `pin a version, e.g. "${image}:1.2.3" or "${image}@sha256:<digest>"`);
    case 'latest':
      throw misuse(scope, 'image-latest', 'image uses the mutable tag "latest"', image, 'pin a version tag such as ":1.2.3" or a digest "@sha256:<digest>"');
    default:
      return image;
  }
}
