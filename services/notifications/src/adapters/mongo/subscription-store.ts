import { isDuplicateKey } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { Subscription, SubscriptionStore } from '../../application/ports.js';
import type { SigningSecret } from '../../domain/signing-secrets.js';
import type { Stakeholder } from '../../domain/stakeholders.js';
import type { SecretBox } from '../crypto/secret-box.js';

interface SealedSecret {
  sealed: string;
  createdAt: Date;
  expiresAt?: Date;
  rotationKey?: string;
}

/** As stored: signing secrets sealed. `secret` is the clear-text field written before they were. */
export type SubscriptionDocument = Omit<Subscription, 'id' | 'secrets'> & { _id: string; secrets?: SealedSecret[]; secret?: string };

/** Subscriptions with their signing secrets encrypted at rest (never written in clear). */
export class MongoSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly collection: mongo.Collection<SubscriptionDocument>,
    private readonly box: SecretBox,
  ) {}

  private seal(id: string, secrets: readonly SigningSecret[]): SealedSecret[] {
    return secrets.map(({ value, ...dates }) => ({ sealed: this.box.seal(value, id), ...dates }));
  }

  private toSubscription({ _id, secrets = [], secret: _clear, ...rest }: SubscriptionDocument): Subscription {
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
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toSubscription(doc) : undefined;
  }

  async listByClient(clientId: string): Promise<Subscription[]> {
    return (await this.collection.find({ clientId }).sort({ createdAt: 1 }).toArray()).map((doc) => this.toSubscription(doc));
  }

  async forStakeholder(stakeholder: Stakeholder): Promise<Subscription[]> {
    return (await this.collection.find({ stakeholder }).toArray()).map((doc) => this.toSubscription(doc));
  }

  async setStatus(id: string, status: Subscription['status'], at: Date): Promise<Subscription | undefined> {
    await this.collection.updateOne({ _id: id }, { $set: { status, updatedAt: at } });
    return this.get(id);
  }

  async setSecrets(id: string, secrets: readonly SigningSecret[], at: Date): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { secrets: this.seal(id, secrets), updatedAt: at } });
  }

  async delete(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
  }
}
