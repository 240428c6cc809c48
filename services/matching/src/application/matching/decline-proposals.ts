import type { ProposalsDeclined } from '@guichet/contracts';
import { computeProposals } from './compute-proposals.js';
import { contextOf, currentProposals, storeProposals, type MatchingDeps } from './matching-deps.js';
import { reachOf } from './reach.js';
import type { HandlingOutcome } from './record-request.js';

/** The candidate declined every proposal: their offers are not proposed again, and fresh proposals follow. */
export async function declineProposals(deps: MatchingDeps, eventId: string, declined: ProposalsDeclined): Promise<HandlingOutcome | 'moved'> {
  const stored = await deps.requests.get(declined.requestId);
  if (!stored?.request || stored.status !== 'open') return 'ignored';
  if (await deps.requests.hasProcessed(declined.requestId, eventId)) return 'duplicate';
  const previous = await currentProposals(deps, stored);
  const declinedOffers =
    previous?.proposalSetId === declined.proposalSetId
      ? previous.bundles.flatMap((b) => [b.premisesOfferId, b.housingOfferId, b.jobOfferId].filter((id): id is string => id !== undefined))
      : [];
  const excludedOfferIds = [...new Set([...stored.excludedOfferIds, ...declinedOffers])].sort();
  const computed = computeProposals(contextOf(deps), {
    requestId: declined.requestId,
    requestVersion: stored.version,
    request: stored.request,
    trigger: 'proposals-declined',
    triggerEventId: eventId,
    basedOnRevision: stored.revision,
    at: declined.declinedAt,
    ...(previous ? { previous } : {}),
    excludedOfferIds,
    why: ['Vous avez refusé les propositions précédentes : elles ne vous seront plus proposées.'],
  });
  const proposals = await storeProposals(deps, computed);
  const outcome = await deps.requests.apply(
    declined.requestId,
    eventId,
    { set: { excludedOfferIds, proposalSetId: proposals.proposalSetId, reach: reachOf(stored.request, deps.communes, proposals) }, recomputed: true },
    { guard: { status: 'open' }, basedOn: stored },
  );
  return outcome === 'applied' || outcome === 'moved' ? outcome : 'duplicate';
}
