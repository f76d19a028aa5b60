/**
 * Docker image references (`[registry[:port]/]repository[:tag][@sha256:<digest>]`): the one parser of their
 * grammar, shared by the converter (pinning, role detection) and the constructs (validation at synth).
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

/**
 * The distribution reference grammar (lower-case path components separated by `.`, `_`, `__` or dashes; an
 * optional registry host with port; a tag of at most 128 word characters; a sha256 digest of 64 hex digits).
 */
const REFERENCE = /^(?<path>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+(?=\/))?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/** Parses a reference; undefined when it is not one (`a:b:c:d`, `acme/:1.0`, upper case, spaces, a bad digest). */
export function parseImageRef(ref: string): ImageRef | undefined {
  const match = ref.length <= 512 ? REFERENCE.exec(ref) : null;
  if (!match?.groups) return undefined;
  const { path = '', tag, digest } = match.groups;
  const parts = path.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  return {
    registry: hasRegistry ? first : undefined,
    repository: hasRegistry ? parts.slice(1).join('/') : path,
    name: parts[parts.length - 1] ?? path,
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
