import type { ProposalSet, RequestSubmitted, RequestUpdated } from '@guichet/contracts';
import { computeProposals } from './compute-proposals.js';
import { contextOf, currentProposals, storeProposals, type MatchingDeps } from './matching-deps.js';
import { toMatchingRequest } from './matching-request.js';
import { reachOf } from './reach.js';

export type HandlingOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * A submitted or updated request: kept (without personal data) with where it can be reached,
 * and its proposals computed and emitted in the same write. An older or repeated event changes
 * nothing.
 */
export async function recordRequest(deps: MatchingDeps, eventId: string, data: RequestSubmitted | RequestUpdated, trigger: 'request-submitted' | 'request-updated'): Promise<HandlingOutcome | 'moved'> {
  const existing = await deps.requests.get(data.requestId);
  if (existing && (existing.version >= data.version || (await deps.requests.hasProcessed(data.requestId, eventId)))) return 'duplicate';
  if (existing?.status === 'closed') return 'ignored';
  const request = toMatchingRequest(data.request);
  const at = 'submittedAt' in data ? data.submittedAt : data.updatedAt;
  const previous = await currentProposals(deps, existing);
  const computed: ProposalSet = computeProposals(contextOf(deps), {
    requestId: data.requestId,
    requestVersion: data.version,
    request,
    trigger,
    triggerEventId: eventId,
    basedOnRevision: existing?.revision ?? 0,
    at,
    ...(previous ? { previous } : {}),
    excludedOfferIds: existing?.excludedOfferIds ?? [],
    ...(trigger === 'request-updated' ? { why: ['Votre demande a été modifiée : les propositions ont été recalculées.'] } : {}),
  });
  const proposals = await storeProposals(deps, computed);
  const outcome = await deps.requests.apply(
    data.requestId,
    eventId,
    {
      set: {
        version: data.version,
        status: existing?.status ?? 'open',
        territory: data.territory,
        submittedAt: existing?.submittedAt ?? at,
        request,
        reach: reachOf(request, deps.communes, proposals),
        proposalSetId: proposals.proposalSetId,
        excludedOfferIds: existing?.excludedOfferIds ?? [],
      },
      recomputed: true,
    },
    { guard: { olderThan: data.version }, upsert: true, basedOn: existing },
  );
  return outcome === 'applied' || outcome === 'moved' ? outcome : 'duplicate';
}
