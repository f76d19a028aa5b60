import { createHash } from 'crypto';

/**
 * A DNS-1123 label from any Compose name or path (`defectdojo_media` -> `defectdojo-media`, `/var/lib/x` ->
 * `var-lib-x`), as kompose and Compose users expect. Over-long names keep a short hash of the whole, so two long
 * names never collide after truncation.
 */
export function dnsLabel(text: string, maxLength = 63): string {
  const label = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  if (label.length <= maxLength) return label;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${label.slice(0, maxLength - 9).replace(/-+$/, '')}-${hash}`;
}

/** A ConfigMap/Secret key from a file name: keys allow letters, digits, `-`, `_` and `.`. */
export function dataKey(fileName: string): string {
  return fileName.replace(/[^-._a-zA-Z0-9]+/g, '_');
}
