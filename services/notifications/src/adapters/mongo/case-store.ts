import { PROCESSED_WINDOW, type Outbox, type OutboxEntry, type OutboxPublisher, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { CaseStore, SaveOutcome, StoredCase } from '../../application/ports.js';
import type { CaseProjection } from '../../domain/case-projection.js';
import { RevisedDocuments } from './revised-documents.js';

export interface CaseDocument extends CaseProjection {
  _id: string;
  revision?: number;
  processedEventIds?: string[];
}

/**
 * Case projections, one document per request. A save is one insert: the claim of the case's next
 * revision, carrying the new state and the stakeholder events it produced (`RevisedDocuments`);
 * the platform's outbox then publishes them at once, and its sweep in any instance publishes what
 * a stopped instance or a refusing broker left.
 */
export class MongoCaseStore implements CaseStore {
  private readonly documents: RevisedDocuments<CaseDocument>;

  constructor(
    collection: mongo.Collection<CaseDocument>,
    claims: mongo.Collection<RevisionClaim<CaseDocument>>,
    outbox: Outbox,
    private readonly publisher: OutboxPublisher,
  ) {
    // A claim holds the whole case and the stakeholder events of its write: one binary field, which the
    // MongoDB-wire server stores as it is, instead of a tree of fields it converts one by one.
    this.documents = new RevisedDocuments(collection, claims, outbox, { packed: true });
  }

  ensureIndexes(): Promise<void> {
    return this.documents.ensureIndexes();
  }

  async load(requestId: string): Promise<StoredCase | undefined> {
    const doc = await this.documents.read(requestId);
    return doc && stored(doc);
  }

  recall(requestId: string): StoredCase | undefined {
    const doc = this.documents.recall(requestId);
    return doc && stored(doc);
  }

  async save(requestId: string, before: StoredCase | undefined, eventId: string, state: CaseProjection, entries: readonly OutboxEntry[]): Promise<SaveOutcome> {
    const revision = before?.revision ?? 0;
    const next: CaseDocument = {
      ...withoutUndefined(state),
      _id: requestId,
      processedEventIds: [...(before?.processedEventIds ?? []).slice(-(PROCESSED_WINDOW - 1)), eventId],
    };
    const written = await this.documents.write(requestId, revision, next, entries.length > 0 ? entries : undefined);
    if (written === 'lost') return 'conflict';
    // The snapshots of the revisions before the erasure hold the personal data it removes.
    if (state.erased && before?.state.erased !== true) await this.documents.revisions.forgetBefore(requestId, revision + 1);
    if (entries.length > 0) await this.publisher.publish(written.key, entries);
    return 'applied';
  }
}

function stored({ _id, revision = 0, processedEventIds = [], ...state }: CaseDocument): StoredCase {
  return { state, revision, processedEventIds };
}

// Through JSON so that no `undefined` reaches the driver, which would store it as null.
function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
