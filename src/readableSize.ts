/**
 * A byte count as a person reads it: bytes, KB or MB (decimal, as the
 * *_BYTES settings are written), never rounded down to "0.0 MB" when a
 * setting is small.
 */
export function readableSize(bytes: number): string {
  const rounded = Math.round(bytes);
  if (rounded < 1000) return `${rounded} byte${rounded === 1 ? '' : 's'}`;
  // The unit is chosen on what will be shown: 999,999 bytes is "1 MB", not "1000 KB".
  const [value, unit] = bytes < 999_500 ? [bytes / 1e3, 'KB'] : [bytes / 1e6, 'MB'];
  // One decimal while it tells something (1.5 KB), none when it is noise (250 KB) or zero (3 KB).
  const shown = value < 10 ? Number(value.toFixed(1)) : Math.round(value);
  return `${shown} ${unit}`;
}
