import type { AidScheme } from '@guichet/contracts';
import { ClaimedRevisions, claimKey, isDuplicateKey, outboxEntries, type OutboundEvent, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { AidSchemeStore, StoredAidScheme } from '../../application/ports.js';
import { WRITE, type AidSchemeDocument, type OutboxEvents } from './collections.js';

/**
 * One document per scheme: its current version and every version before it. A scheme is created
 * by one insert carrying its events; each new version claims the revision after the one read
 * (`ClaimedRevisions`), carrying its events, so two publishers of one version never both win, on
 * any MongoDB-wire server and with any number of instances. The platform's outbox publishes.
 */
export class MongoAidSchemeStore implements AidSchemeStore {
  private readonly revisions: ClaimedRevisions<AidSchemeDocument>;

  constructor(
    private readonly schemes: mongo.Collection<AidSchemeDocument>,
    claims: mongo.Collection<RevisionClaim<AidSchemeDocument>>,
    private readonly events: OutboxEvents,
  ) {
    this.revisions = new ClaimedRevisions(schemes, claims, events.outbox);
  }

  async current(): Promise<AidScheme[]> {
    const docs = await this.schemes.find({}, { projection: { outbox: 0 } }).toArray();
    // A stored document may be behind its latest version (a writer stopped after its claim).
    const latest = await Promise.all(docs.map((doc) => this.revisions.read(doc._id, doc)));
    return latest.flatMap((doc) => (doc === undefined ? [] : [doc.scheme]));
  }

  async get(id: string): Promise<StoredAidScheme | null> {
    const doc = await this.revisions.read(id);
    return doc ? { scheme: doc.scheme, versions: doc.versions, createdBy: doc.createdBy } : null;
  }

  count(): Promise<number> {
    return this.schemes.countDocuments({});
  }

  async insert(scheme: AidScheme, createdBy: string, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'> {
    const entries = outboxEntries(events);
    await this.events.outbox.announce(this.schemes.collectionName, scheme.id);
    try {
      await this.schemes.insertOne({ _id: scheme.id, scheme, versions: [scheme], createdBy, outbox: entries }, WRITE);
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
    await this.events.publisher.publish(scheme.id, entries);
    return 'inserted';
  }

  async appendVersion(scheme: AidScheme, expectedVersion: number, events: readonly OutboundEvent[]): Promise<boolean> {
    const current = await this.revisions.read(scheme.id);
    if (current === undefined || current.scheme.version !== expectedVersion) return false;
    const entries = outboxEntries(events);
    // The creation's events stay in the document, where the outbox sweep reads them.
    if ((await this.revisions.write(current, { ...current, scheme, versions: [...current.versions, scheme] }, entries)) === 'lost') return false;
    await this.events.publisher.publish(claimKey(scheme.id, current.revision ?? 0), entries);
    return true;
  }
}
