import type { OfferReleased } from '@guichet/contracts';
import type { MatchingDeps } from './matching-deps.js';
import type { HandlingOutcome } from './record-request.js';
import { releaseOffer } from './reserve-bundle.js';

export interface Closing {
  readonly requestId: string;
  readonly time: string;
  /** Why reserved offers go back to the catalogue; none when they stay with the candidate (installed). */
  readonly release?: OfferReleased['reason'];
  /** Erasure: what matching kept of the request goes too. */
  readonly erase?: boolean;
}

/** The request leaves matching: no more re-matching, its reservations lifted unless the candidate settled. */
export async function closeRequest(deps: MatchingDeps, eventId: string, closing: Closing): Promise<HandlingOutcome> {
  if (await deps.requests.hasProcessed(closing.requestId, eventId)) return 'duplicate';
  if (closing.release) {
    for (const offer of await deps.offers.reservedFor(closing.requestId)) {
      await releaseOffer(deps, offer.id, (hold) => hold.requestId === closing.requestId, closing.time, closing.release);
    }
  }
  const outcome = await deps.requests.apply(
    closing.requestId,
    eventId,
    { set: { status: 'closed' }, unset: closing.erase ? ['request', 'reach', 'proposalSetId', 'reservation'] : ['reach'] },
  );
  return outcome === 'applied' ? 'applied' : outcome === 'duplicate' ? 'duplicate' : 'ignored';
}
