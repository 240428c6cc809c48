import { PROCESSED_WINDOW } from '@guichet/platform';
import type { RequestChange, RequestGuard } from '../../application/ports.js';
import type { RequestDocument } from './collections.js';

/** A request document before its first write: the empty revision 0 every creator inserts. */
export const emptyRequest = (id: string): RequestDocument => ({ _id: id, revision: 0 }) as RequestDocument;

/** A request written at least once; one stored before revisions were counted has a status and no revision. */
export const isWritten = (doc: RequestDocument | undefined): doc is RequestDocument => doc !== undefined && ((doc.revision ?? 0) > 0 || doc.status !== undefined);

export const hasProcessed = (doc: RequestDocument | undefined, eventId: string): boolean => doc?.processedEventIds?.includes(eventId) ?? false;

/** Whether the guard lets a change of this (written) request through. */
export function guardHolds(doc: RequestDocument, guard: RequestGuard | undefined): boolean {
  if (guard === undefined) return true;
  if (guard.version !== undefined && doc.version !== guard.version) return false;
  if (guard.olderThan !== undefined && !(doc.version < guard.olderThan)) return false;
  if (guard.status !== undefined && doc.status !== guard.status) return false;
  return true;
}

// Through JSON so that no `undefined` reaches the driver, which would store it as null.
function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The request after `change`, caused by `eventId`, whose id joins the latest ones seen (the last
 * `window`): a redelivered event finds it there and changes nothing.
 */
export function revise(doc: RequestDocument, change: RequestChange, eventId: string, window = PROCESSED_WINDOW): RequestDocument {
  const next: Record<string, unknown> = { ...doc, ...withoutUndefined(change.set ?? {}) };
  for (const field of change.unset ?? []) delete next[field];
  const seen = doc.processedEventIds ?? [];
  return {
    ...(next as unknown as RequestDocument),
    excludedOfferIds: (next.excludedOfferIds as string[] | undefined) ?? [],
    recomputations: (doc.recomputations ?? 0) + (change.recomputed ? 1 : 0),
    processedEventIds: [...seen.slice(Math.max(0, seen.length - (window - 1))), eventId],
  };
}
