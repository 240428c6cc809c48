import { isDuplicateKey, outboxEntries, type OutboundEvent } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { ZoningImport, ZoningStore } from '../../application/ports.js';
import { noNudge, WRITE, type Nudge, type ZoningImportDocument } from './collections.js';

/** Zoning imports, kept whole, each with the `zoning-changed` events it caused. */
export class MongoZoningStore implements ZoningStore {
  constructor(
    private readonly imports: mongo.Collection<ZoningImportDocument>,
    private readonly nudge: Nudge = noNudge,
  ) {}

  async all(): Promise<ZoningImport[]> {
    const docs = await this.imports.find({}, { projection: { outbox: 0 } }).toArray();
    return docs
      .map(({ _id, outbox: _outbox, ...zoningImport }) => zoningImport)
      .sort((a, b) => (a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : a.importId < b.importId ? -1 : 1));
  }

  async insert(zoningImport: ZoningImport, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'> {
    try {
      await this.imports.insertOne({ ...zoningImport, orders: [...zoningImport.orders], _id: zoningImport.importId, outbox: outboxEntries(events) }, WRITE);
      this.nudge();
      return 'inserted';
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
  }

  async withdrawSeeded(importIds: readonly string[]): Promise<number> {
    if (importIds.length === 0) return 0;
    const { deletedCount } = await this.imports.deleteMany({ _id: { $in: [...importIds] }, importedBy: 'seed' }, WRITE);
    return deletedCount;
  }
}
