import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { IdempotencyClaim, IdempotencyStore, StoredReply } from '../../application/index.js';
import type { IntakeCollections } from './collections.js';

/** A claim older than this whose call never completed (a crash) may be taken over. */
const ABANDONED_AFTER_MS = 60_000;

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

// Stored answers may carry personal data: they are sealed with a key only their owner's id gives.
const replyKey = (owner: string): Buffer => createHash('sha256').update(`${owner}\u0000reponse-idempotente`).digest();

function sealBody(owner: string, body: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', replyKey(owner), iv);
  const data = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64')).join('.');
}

function openBody(owner: string, sealed: string): string {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !data) throw new Error('réponse idempotente illisible');
  const decipher = createDecipheriv('aes-256-gcm', replyKey(owner), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** The stored answer of a claim: a document of its own, so that completing a call only inserts. */
const answerId = (claimId: string): string => `${claimId}:reponse`;
/**
 * The takeover of an abandoned call, one per period of ABANDONED_AFTER_MS: of the callers of one
 * period one takes it over, and if that one stops too, a caller of a later period.
 */
const takeoverId = (claimId: string, now: string): string => `${claimId}:reprise:${Math.floor(Date.parse(now) / ABANDONED_AFTER_MS)}`;

/**
 * Idempotency keys by caller. Owners are stored hashed and answers sealed, so a record says
 * nothing about anyone; a retry gets exactly the first answer. A call inserts its claim, then its
 * answer beside it (no update: FerretDB 1.24 rewrites a document by scanning its collection).
 * Old records are removed by `sweep`.
 */
export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly collections: IntakeCollections,
    private readonly now: () => string,
  ) {}

  async claim(owner: string, key: string, fingerprint: string, now: string): Promise<IdempotencyClaim> {
    const _id = hash(owner, key);
    const records = this.collections.idempotency;
    const claimed = await this.collections.grouped.idempotency.insertOne({ _id, ownerHash: hash(owner), fingerprint, state: 'pending', createdAt: now });
    if (claimed === 'inserted') return { kind: 'new' };
    const existing = await records.findOne({ _id });
    if (existing === null) return this.claim(owner, key, fingerprint, now);
    if (existing.fingerprint !== fingerprint) return { kind: 'different-request' };
    // Records written before answers had a document of their own hold the answer in the claim.
    const answer = existing.reply !== undefined ? existing : await records.findOne({ _id: answerId(_id) });
    if (answer?.reply !== undefined) return { kind: 'replay', reply: { ...answer.reply, body: openBody(owner, answer.reply.body) } };
    if (Date.parse(now) - Date.parse(existing.createdAt) < ABANDONED_AFTER_MS) return { kind: 'in-progress' };
    // Of the callers that find it abandoned (in any instance), the one whose takeover is inserted
    // first runs it: a conditional update on `createdAt` may match for several on FerretDB.
    const takeover = await this.collections.grouped.idempotency.insertOne({ _id: takeoverId(_id, now), ownerHash: hash(owner), fingerprint, state: 'pending', createdAt: now });
    if (takeover === 'duplicate') return { kind: 'in-progress' };
    await records.updateOne({ _id }, { $set: { createdAt: now } });
    return { kind: 'new' };
  }

  async complete(owner: string, key: string, reply: StoredReply): Promise<void> {
    const claimId = hash(owner, key);
    const answer = { ...reply, body: sealBody(owner, reply.body) };
    // A duplicate means completed already (a call taken over after it looked abandoned): the first answer stays.
    await this.collections.grouped.idempotency.insertOne({ _id: answerId(claimId), ownerHash: hash(owner), state: 'done', reply: answer, createdAt: this.now() });
  }

  async release(owner: string, key: string): Promise<void> {
    await this.collections.idempotency.deleteOne({ _id: hash(owner, key), state: 'pending' });
  }

  async forgetOwner(owner: string): Promise<void> {
    await this.collections.idempotency.deleteMany({ ownerHash: hash(owner) });
  }

  /** Expiry is a scheduled sweep: MongoDB-wire servers without TTL indexes are supported. */
  async sweep(olderThan: string): Promise<number> {
    const result = await this.collections.idempotency.deleteMany({ createdAt: { $lt: olderThan } });
    return result.deletedCount;
  }
}
