import { isDuplicateKey, outboxEntries, type OutboundEvent } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { ZoningImport, ZoningStore } from '../../application/ports.js';
import { WRITE, type OutboxEvents, type ZoningImportDocument } from './collections.js';

/** Zoning imports, kept whole, each inserted with the `zoning-changed` events it caused, published by the outbox. */
export class MongoZoningStore implements ZoningStore {
  constructor(
    private readonly imports: mongo.Collection<ZoningImportDocument>,
    private readonly events: OutboxEvents,
  ) {}

  async all(): Promise<ZoningImport[]> {
    const docs = await this.imports.find({}, { projection: { outbox: 0 } }).toArray();
    return docs
      .map(({ _id, outbox: _outbox, ...zoningImport }) => zoningImport)
      .sort((a, b) => (a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : a.importId < b.importId ? -1 : 1));
  }

  async insert(zoningImport: ZoningImport, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'> {
    const entries = outboxEntries(events);
    await this.events.outbox.announce(this.imports.collectionName, zoningImport.importId);
    try {
      await this.imports.insertOne({ ...zoningImport, orders: [...zoningImport.orders], _id: zoningImport.importId, outbox: entries }, WRITE);
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
    await this.events.publisher.publish(zoningImport.importId, entries);
    return 'inserted';
  }

  async withdrawSeeded(importIds: readonly string[]): Promise<number> {
    if (importIds.length === 0) return 0;
    const { deletedCount } = await this.imports.deleteMany({ _id: { $in: [...importIds] }, importedBy: 'seed' }, WRITE);
    return deletedCount;
  }
}
