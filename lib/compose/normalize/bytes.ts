/**
 * Compose byte sizes (`mem_limit`, `shm_size`, `deploy.resources.limits.memory`, `tmpfs.size`, …) follow
 * docker/go-units `RAMInBytes`: case-insensitive, binary multiples (`k` = 1024), optional `i` and `b`
 * (`512m`, `1g`, `1.5gb`, `256MiB`, `100`). The model carries bytes as a number; the normalized tree carries the
 * decimal string compose-go prints for its `UnitBytes`.
 */

const MULTIPLIER: Readonly<Record<string, number>> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

const SIZE = /^(\d+(?:\.\d+)*) ?([kmgtp])?i?b?$/i;

/** Parses a byte size into whole bytes (rounded down, as go-units does); undefined when it is not a size. */
export function parseBytes(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? Math.trunc(input) : undefined;
  const match = SIZE.exec(input.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (!Number.isFinite(amount)) return undefined;
  return Math.trunc(amount * (MULTIPLIER[(match[2] ?? '').toLowerCase()] as number));
}
