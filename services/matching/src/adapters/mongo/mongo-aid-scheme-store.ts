import type { AidScheme } from '@guichet/contracts';
import { isDuplicateKey, outboxEntries, withOutbox, type OutboundEvent } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { AidSchemeStore, StoredAidScheme } from '../../application/ports.js';
import { noNudge, WRITE, type AidSchemeDocument, type Nudge } from './collections.js';

/** One document per scheme: its current version, every version before it, and its outbox. */
export class MongoAidSchemeStore implements AidSchemeStore {
  constructor(
    private readonly schemes: mongo.Collection<AidSchemeDocument>,
    private readonly nudge: Nudge = noNudge,
  ) {}

  async current(): Promise<AidScheme[]> {
    const docs = await this.schemes.find({}, { projection: { scheme: 1 } }).toArray();
    return docs.map((doc) => doc.scheme);
  }

  async get(id: string): Promise<StoredAidScheme | null> {
    const doc = await this.schemes.findOne({ _id: id }, { projection: { outbox: 0 } });
    return doc ? { scheme: doc.scheme, versions: doc.versions, createdBy: doc.createdBy } : null;
  }

  count(): Promise<number> {
    return this.schemes.countDocuments({});
  }

  async insert(scheme: AidScheme, createdBy: string, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'> {
    try {
      await this.schemes.insertOne({ _id: scheme.id, scheme, versions: [scheme], createdBy, outbox: outboxEntries(events) }, WRITE);
      this.nudge();
      return 'inserted';
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
  }

  async appendVersion(scheme: AidScheme, expectedVersion: number, events: readonly OutboundEvent[]): Promise<boolean> {
    const result = await this.schemes.updateOne(
      { _id: scheme.id, 'scheme.version': expectedVersion },
      withOutbox<AidSchemeDocument>({ $set: { scheme }, $push: { versions: scheme } }, events),
      WRITE,
    );
    if (result.modifiedCount === 1) this.nudge();
    return result.modifiedCount === 1;
  }
}
