import { createHash } from 'node:crypto';
import { isDuplicateKey } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { IdempotencyClaim, IdempotencyStore, StoredReply } from '../../application/ports.js';
import type { IdempotencyDocument } from './collections.js';

/** A claim older than this whose call never completed (a crash) may be taken over. */
const ABANDONED_AFTER_MS = 60_000;

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');
/**
 * The takeover of an abandoned call, one per period of ABANDONED_AFTER_MS: of the callers of one
 * period one takes it over, and if that one stops too, a caller of a later period.
 */
const takeoverId = (claimId: string, now: string): string => `${claimId}:reprise:${Math.floor(Date.parse(now) / ABANDONED_AFTER_MS)}`;

/** Idempotency keys per caller (stored hashed), with the first answer kept as sent. */
export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly records: mongo.Collection<IdempotencyDocument>) {}

  async claim(owner: string, key: string, fingerprint: string, now: string): Promise<IdempotencyClaim> {
    const _id = hash(owner, key);
    try {
      await this.records.insertOne({ _id, ownerHash: hash(owner), fingerprint, state: 'pending', createdAt: now });
      return { kind: 'new' };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const existing = await this.records.findOne({ _id });
    if (existing === null) return this.claim(owner, key, fingerprint, now);
    if (existing.fingerprint !== fingerprint) return { kind: 'different-request' };
    if (existing.state === 'done' && existing.reply !== undefined) return { kind: 'replay', reply: existing.reply };
    if (Date.parse(now) - Date.parse(existing.createdAt) < ABANDONED_AFTER_MS) return { kind: 'in-progress' };
    // Of the callers that find it abandoned (in any instance), the one whose takeover is inserted
    // first runs it: a conditional update on `createdAt` may match for several on FerretDB.
    try {
      await this.records.insertOne({ _id: takeoverId(_id, now), ownerHash: hash(owner), fingerprint, state: 'pending', createdAt: now });
    } catch (error) {
      if (isDuplicateKey(error)) return { kind: 'in-progress' };
      throw error;
    }
    await this.records.updateOne({ _id }, { $set: { createdAt: now } });
    return { kind: 'new' };
  }

  async complete(owner: string, key: string, reply: StoredReply): Promise<void> {
    await this.records.updateOne({ _id: hash(owner, key) }, { $set: { state: 'done', reply } });
  }

  async release(owner: string, key: string): Promise<void> {
    await this.records.deleteOne({ _id: hash(owner, key), state: 'pending' });
  }
}
