/**
 * Docker image references (`[registry/]repository[:tag][@digest]`), parsed just far enough to judge pinning and
 * to recognise well-known image families for role detection.
 */

export interface ImageRef {
  /** Registry host when the first path component names one (`ghcr.io`, `localhost:5000`). */
  readonly registry?: string;
  /** Repository path without registry, tag or digest (`library/postgres`, `valkey/valkey`). */
  readonly repository: string;
  /** Last path component of the repository (`postgres`, `valkey`, `nginx-unprivileged`). */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port (`localhost:5000/app`), not to a tag.
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : undefined;
  const path = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  const parts = path.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const repository = hasRegistry ? parts.slice(1).join('/') : path;
  return {
    registry: hasRegistry ? first : undefined,
    repository,
    name: parts[parts.length - 1] ?? repository,
    tag: tag || undefined,
    digest: digest || undefined,
  };
}

/** How an image reference is pinned: by digest, by a version tag, by `latest`, or not at all. */
export type ImagePinning = 'digest' | 'tag' | 'latest' | 'untagged';

export function imagePinning(ref: ImageRef): ImagePinning {
  if (ref.digest) return 'digest';
  if (ref.tag === undefined) return 'untagged';
  return ref.tag === 'latest' ? 'latest' : 'tag';
}
