import type { AccessLogStore } from '../../application/index.js';
import type { AccessRecord } from '../../domain/index.js';
import type { IntakeCollections } from './collections.js';

export class MongoAccessLog implements AccessLogStore {
  constructor(private readonly collections: IntakeCollections) {}

  /**
   * Under the entry's id: an access reported twice (an event redelivered) is written once. Entries
   * recorded while others are being inserted go in the same insert.
   */
  async record(entry: AccessRecord): Promise<void> {
    const { id, ...fields } = entry;
    await this.collections.grouped.accessLog.insertOne({ _id: id, ...fields });
  }

  async list(caseIds: readonly string[]): Promise<AccessRecord[]> {
    if (caseIds.length === 0) return [];
    const docs = await this.collections.accessLog.find({ caseId: { $in: [...caseIds] } }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map(({ _id, ...fields }) => ({ id: _id, ...fields }));
  }
}
