import { createHash } from 'node:crypto';

/**
 * A UUID derived from names (RFC 9562 §5.5 layout, SHA-256 instead of SHA-1): the same inputs
 * always give the same id, so a fact projected or delivered twice keeps one identity downstream.
 */
export function nameBasedUuid(...names: readonly string[]): string {
  const hash = createHash('sha256').update(names.join('\u0000')).digest().subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
