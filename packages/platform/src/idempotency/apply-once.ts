import type * as mongo from 'mongodb';
import { isDuplicateKey } from '../mongo/duplicate-key.js';
import { mergePush } from '../mongo/merge-update.js';

export const PROCESSED_FIELD = 'processedEventIds';
/** Ids remembered per document; redeliveries arrive long before 500 later events on the same aggregate. */
export const PROCESSED_WINDOW = 500;

export type ApplyOutcome = 'applied' | 'duplicate' | 'not-found';

export interface ApplyOnceOptions {
  /** Create the document when none matches (read models built from events). */
  upsert?: boolean;
  /** How many recent ids to keep; PROCESSED_WINDOW by default. */
  window?: number;
}

/**
 * Applies `update` to the document matched by `filter` unless `eventId` was already applied to it,
 * recording the id in the same single-document update: the guard and the effect cannot be split.
 *
 * The id list is bounded by a second, conditional `$pop` rather than `$push … $slice`: FerretDB 1.24
 * accepts `$slice` and silently ignores it. The trim is not part of the guarantee: if it is
 * skipped by a crash, the list is one longer until the next event.
 */
export async function applyOnce<T extends mongo.Document>(
  collection: mongo.Collection<T>,
  filter: mongo.Filter<T>,
  eventId: string,
  update: mongo.UpdateFilter<T>,
  { upsert = false, window = PROCESSED_WINDOW }: ApplyOnceOptions = {},
): Promise<ApplyOutcome> {
  const guarded = { ...filter, [PROCESSED_FIELD]: { $ne: eventId } } as mongo.Filter<T>;
  const recorded = mergePush(update, { [PROCESSED_FIELD]: { $each: [eventId] } });
  try {
    const result = await collection.updateOne(guarded, recorded, { upsert });
    if (result.matchedCount > 0 || result.upsertedCount > 0) {
      await trimProcessedIds(collection, filter, window);
      return 'applied';
    }
  } catch (error) {
    // With upsert, a seen id makes the guarded filter miss and the insert collide on _id.
    if (upsert && isDuplicateKey(error)) return 'duplicate';
    throw error;
  }
  return (await collection.countDocuments(filter, { limit: 1 })) > 0 ? 'duplicate' : 'not-found';
}

async function trimProcessedIds<T extends mongo.Document>(collection: mongo.Collection<T>, filter: mongo.Filter<T>, window: number): Promise<void> {
  const overfull = { ...filter, [`${PROCESSED_FIELD}.${window}`]: { $exists: true } } as mongo.Filter<T>;
  const dropOldest: Record<string, -1> = { [PROCESSED_FIELD]: -1 };
  await collection.updateOne(overfull, { $pop: dropOldest } as mongo.UpdateFilter<T>);
}
