import { ClaimedRevisions, isDuplicateKey, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { SecretsReplacement, Subscription, SubscriptionStore } from '../../application/ports.js';
import type { SigningSecret } from '../../domain/signing-secrets.js';
import type { Stakeholder } from '../../domain/stakeholders.js';
import type { SecretBox } from '../crypto/secret-box.js';

interface SealedSecret {
  sealed: string;
  createdAt: Date;
  expiresAt?: Date;
  rotationKey?: string;
}

/**
 * As stored: signing secrets sealed, `revision` the changes made since its insert. `secret` is the
 * clear-text field written before they were sealed.
 */
export type SubscriptionDocument = Omit<Subscription, 'id' | 'secrets'> & { _id: string; revision?: number; secrets?: SealedSecret[]; secret?: string };

/** Writes of the same subscription that came first (another instance, another request), before giving up. */
const RACES = 10;

/**
 * Subscriptions with their signing secrets encrypted at rest (never written in clear). Created by
 * one insert; each change (pause, resumption, rotated secrets) is the claim of the revision after
 * the one read (`ClaimedRevisions`), made again on the revision that won when another instance
 * changed the subscription at the same moment: a pause and a rotation at once both hold, two
 * rotations at once do not (the second is refused).
 */
export class MongoSubscriptionStore implements SubscriptionStore {
  private readonly revisions: ClaimedRevisions<SubscriptionDocument>;

  constructor(
    private readonly collection: mongo.Collection<SubscriptionDocument>,
    private readonly box: SecretBox,
    private readonly claims: mongo.Collection<RevisionClaim<SubscriptionDocument>>,
  ) {
    this.revisions = new ClaimedRevisions(collection, claims);
  }

  ensureIndexes(): Promise<void> {
    return this.revisions.ensureIndexes();
  }

  private seal(id: string, secrets: readonly SigningSecret[]): SealedSecret[] {
    return secrets.map(({ value, ...dates }) => ({ sealed: this.box.seal(value, id), ...dates }));
  }

  private toSubscription({ _id, secrets = [], secret: _clear, revision: _revision, ...rest }: SubscriptionDocument): Subscription {
    return { id: _id, ...rest, secrets: secrets.map(({ sealed, ...dates }) => ({ value: this.box.open(sealed, _id), ...dates })) };
  }

  /**
   * At start: seals the secrets an earlier version stored in clear, and proves the configured key
   * opens what is stored (a wrong key stops the start instead of signing nothing). Returns how
   * many subscriptions were sealed now.
   */
  async sealClearSecrets(): Promise<number> {
    const clear = await this.collection.find({ secret: { $exists: true } }).toArray();
    for (const doc of clear) {
      if (typeof doc.secret !== 'string') continue;
      const secrets = this.seal(doc._id, [{ value: doc.secret, createdAt: doc.createdAt }]);
      await this.collection.updateOne({ _id: doc._id }, { $set: { secrets }, $unset: { secret: '' } });
    }
    const sample = await this.collection.findOne({ 'secrets.0': { $exists: true } });
    if (sample) this.toSubscription(sample);
    return clear.length;
  }

  async insert({ id, secrets, ...rest }: Subscription): Promise<'inserted' | 'exists'> {
    try {
      await this.collection.insertOne({ _id: id, ...rest, secrets: this.seal(id, secrets) });
      return 'inserted';
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
  }

  async get(id: string): Promise<Subscription | undefined> {
    const doc = await this.revisions.read(id);
    return doc ? this.toSubscription(doc) : undefined;
  }

  async listByClient(clientId: string): Promise<Subscription[]> {
    return this.latestOf(await this.collection.find({ clientId }).sort({ createdAt: 1 }).toArray());
  }

  async forStakeholder(stakeholder: Stakeholder): Promise<Subscription[]> {
    return this.latestOf(await this.collection.find({ stakeholder }).toArray());
  }

  async all(): Promise<Subscription[]> {
    return this.latestOf(await this.collection.find({}).toArray());
  }

  /** The latest revision of each document found: a stored document may be behind it (a writer stopped after its claim). */
  private async latestOf(docs: readonly SubscriptionDocument[]): Promise<Subscription[]> {
    const latest = await Promise.all(docs.map((doc) => this.revisions.read(doc._id, doc)));
    return latest.flatMap((doc) => (doc === undefined ? [] : [this.toSubscription(doc)]));
  }

  async setStatus(id: string, status: Subscription['status'], at: Date): Promise<Subscription | undefined> {
    await this.change(id, (doc) => ({ ...doc, status, updatedAt: at }));
    return this.get(id);
  }

  /**
   * A rotation holds only on the secret it read: one that lost the race to another rotation is
   * refused instead of being made again on the winner's revision, which would silently replace
   * the secret the winner was just given.
   */
  async replaceSecrets(id: string, currentSecret: string, secrets: readonly SigningSecret[], at: Date): Promise<SecretsReplacement> {
    const outcome = await this.change(id, (doc) => (this.currentSecretOf(doc) === currentSecret ? { ...doc, secrets: this.seal(id, secrets), updatedAt: at } : undefined));
    return outcome === 'written' ? 'replaced' : outcome;
  }

  private currentSecretOf({ _id, secrets = [] }: SubscriptionDocument): string | undefined {
    const [current] = secrets;
    return current === undefined ? undefined : this.box.open(current.sealed, _id);
  }

  /** `next` gives the document to write after the latest revision, or nothing when that revision no longer allows the change. */
  private async change(id: string, next: (doc: SubscriptionDocument) => SubscriptionDocument | undefined): Promise<'written' | 'stale' | 'missing'> {
    for (let race = 0; race < RACES; race += 1) {
      const current = await this.revisions.read(id);
      if (current === undefined) return 'missing';
      const written = next(current);
      if (written === undefined) return 'stale';
      if ((await this.revisions.write(current, written)) === 'written') return 'written';
    }
    throw new Error(`abonnement ${id} : écriture concurrente persistante`);
  }

  async delete(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
    await this.claims.deleteMany({ documentId: id });
  }
}
