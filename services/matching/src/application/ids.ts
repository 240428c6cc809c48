import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 version 5 layout over SHA-1) of the given parts: the same inputs
 * always give the same id, which makes proposals, bundles and reservations reproducible and
 * lets a redelivered event find what its first delivery created.
 */
export function uuidFrom(...parts: readonly string[]): string {
  const bytes = createHash('sha1').update(`guichet-matching\u0000${parts.join('\u0000')}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
