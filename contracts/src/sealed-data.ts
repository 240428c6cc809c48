import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EventType } from './events.js';
import type { SealedEventData } from './generated/types.js';

const ALGORITHM = 'aes-256-gcm';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether an event's data is sealed (`SealedEventData`) rather than the event's own payload. */
export function isSealedEventData(data: unknown): data is SealedEventData {
  if (!isRecord(data) || Object.keys(data).length !== 1 || !isRecord(data['sealed'])) return false;
  const { alg, keyId, iv, tag, data: cipherText } = data['sealed'];
  return alg === 'A256GCM' && typeof keyId === 'string' && typeof iv === 'string' && typeof tag === 'string' && typeof cipherText === 'string';
}

/**
 * Seals an event's data with the 256-bit key of `keyId` (the case): AES-256-GCM, a fresh 96-bit IV,
 * the key id as authenticated data so that a sealed payload moved to another case does not open.
 */
export function sealEventData(data: unknown, keyId: string, key: Uint8Array): SealedEventData {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const cipherText = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return { sealed: { alg: 'A256GCM', keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: cipherText.toString('base64') } };
}

/** The data `sealEventData` sealed; throws when the key is not the case's or the payload was altered. */
export function openEventData({ sealed }: SealedEventData, key: Uint8Array): unknown {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(sealed.keyId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8')) as unknown;
}

/**
 * The data to handle: itself when not sealed, opened with its case's key when sealed, undefined
 * once the case is erased (its key destroyed).
 */
export async function openIfSealed(data: unknown, keyOf: (keyId: string) => Promise<Uint8Array | undefined>): Promise<{ data: unknown } | undefined> {
  if (!isSealedEventData(data)) return { data };
  const key = await keyOf(data.sealed.keyId);
  return key === undefined ? undefined : { data: openEventData(data, key) };
}

/**
 * How intake seals its events, for the consumers that open them: the erasure, in clear, is the
 * event after which the case's key no longer exists.
 */
export const intakeEventSealing: {
  readonly isSealed: typeof isSealedEventData;
  readonly open: typeof openIfSealed;
  readonly erasedType: EventType;
} = {
  isSealed: isSealedEventData,
  open: openIfSealed,
  erasedType: 'fr.sante.guichet.intake.request-erased.v1',
};
