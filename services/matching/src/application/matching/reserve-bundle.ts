import type { BundleAccepted, Offer, OfferReleased } from '@guichet/contracts';
import { uuidFrom } from '../ids.js';
import { outbound } from '../outbound.js';
import { computeProposals } from './compute-proposals.js';
import { contextOf, currentProposals, storeProposals, type MatchingDeps } from './matching-deps.js';
import { reachOf } from './reach.js';

export type ReservationOutcome = 'confirmed' | 'rejected' | 'duplicate';

/** Attempts before giving up on an offer whose version keeps moving under us (it is then treated as gone). */
const HOLD_ATTEMPTS = 5;

/**
 * The candidate accepted a bundle: every offer of it is reserved by a compare-and-set on the
 * offer document (available → reserved for this request), so no offer is ever reserved twice.
 * If one is gone, the others are released and the candidate gets `reservation-rejected` with
 * fresh proposals. A redelivered acceptance finds its own reservation and changes nothing.
 */
export async function reserveBundle(deps: MatchingDeps, eventId: string, accepted: BundleAccepted): Promise<ReservationOutcome> {
  const { requestId } = accepted;
  if (await deps.requests.hasProcessed(requestId, eventId)) return 'duplicate';
  const time = accepted.acceptedAt;
  const reservationId = uuidFrom('reservation', requestId, eventId);
  const held: string[] = [];
  const unavailable: string[] = [];
  for (const offerId of [...new Set(accepted.offerIds)].sort()) {
    if (await holdOffer(deps, offerId, requestId, reservationId, time)) held.push(offerId);
    else unavailable.push(offerId);
  }
  const subject = `requests/${requestId}`;
  const base = { version: accepted.version, territory: accepted.territory };

  if (unavailable.length === 0) {
    const confirmed = outbound(
      'fr.sante.guichet.matching.reservation-confirmed.v1',
      { requestId, proposalSetId: accepted.proposalSetId, bundleId: accepted.bundleId, reservationId, offerIds: held, confirmedAt: time },
      { id: uuidFrom('event', 'confirmed', reservationId), time, subject },
    );
    const stored = await deps.requests.get(requestId);
    await deps.requests.emit(requestId, [confirmed]);
    const outcome = await deps.requests.apply(
      requestId,
      eventId,
      { set: { ...(stored ? {} : base), status: 'reserved', reservation: { reservationId, proposalSetId: accepted.proposalSetId, bundleId: accepted.bundleId, offerIds: held } } },
      { upsert: true },
    );
    return outcome === 'applied' ? 'confirmed' : 'duplicate';
  }

  const released: string[] = [];
  for (const offerId of held) if (await releaseOffer(deps, offerId, (o) => o.reservedFor?.reservationId === reservationId, time, 'reservation-rejected')) released.push(offerId);
  const rejected = outbound(
    'fr.sante.guichet.matching.reservation-rejected.v1',
    {
      requestId,
      proposalSetId: accepted.proposalSetId,
      bundleId: accepted.bundleId,
      unavailableOfferIds: unavailable as [string, ...string[]],
      releasedOfferIds: released,
      reason: `${unavailable.length > 1 ? 'Des offres' : 'Une offre'} de la proposition acceptée ${unavailable.length > 1 ? "n'étaient" : "n'était"} plus ${unavailable.length > 1 ? 'disponibles' : 'disponible'} (réservée par un autre candidat ou retirée) ; les autres offres ont été libérées et de nouvelles propositions suivent.`,
      rejectedAt: time,
    },
    { id: uuidFrom('event', 'rejected', reservationId), time, subject },
  );
  const stored = await deps.requests.get(requestId);
  const previous = await currentProposals(deps, stored);
  const computed = stored?.request
    ? computeProposals(contextOf(deps), {
        requestId,
        requestVersion: stored.version,
        request: stored.request,
        trigger: 'reservation-rejected',
        triggerEventId: eventId,
        at: time,
        ...(previous ? { previous } : {}),
        excludedOfferIds: [...stored.excludedOfferIds, ...unavailable],
        why: ["Une offre de la proposition que vous avez acceptée n'était plus disponible : voici de nouvelles propositions."],
      })
    : undefined;
  await deps.requests.emit(requestId, [rejected]);
  const fresh = computed ? await storeProposals(deps, computed) : undefined;
  const outcome = await deps.requests.apply(
    requestId,
    eventId,
    {
      set: { ...(stored ? {} : base), status: 'open', ...(fresh && stored?.request ? { proposalSetId: fresh.proposalSetId, reach: reachOf(stored.request, deps.communes, fresh) } : {}) },
      unset: ['reservation'],
      recomputed: fresh !== undefined,
    },
    { upsert: true },
  );
  return outcome === 'applied' ? 'rejected' : 'duplicate';
}

/** available → reserved for this reservation, by compare-and-set on the version; true when the offer is (already) ours. */
async function holdOffer(deps: MatchingDeps, offerId: string, requestId: string, reservationId: string, time: string): Promise<boolean> {
  for (let attempt = 0; attempt < HOLD_ATTEMPTS; attempt += 1) {
    const offer = await deps.offers.get(offerId);
    if (!offer) return false;
    if (offer.status === 'reserved' && offer.reservedFor?.reservationId === reservationId) return true;
    if (offer.status !== 'available') return false;
    const version = offer.version + 1;
    const next = { ...offer, status: 'reserved', version, updatedAt: time, reservedFor: { requestId, reservationId, reservedAt: time } } as Offer;
    const event = outbound(
      'fr.sante.guichet.catalogue.offer-reserved.v1',
      { offerId, kind: offer.kind, version, requestId, reservationId, reservedAt: time },
      { id: uuidFrom('event', 'reserved', offerId, reservationId), time, subject: `offers/${offerId}` },
    );
    if (await deps.offers.replace(next, offer.version, [event])) return true;
  }
  return false;
}

/** reserved → available when `mine` says the reservation is the one being lifted; true when released. */
export async function releaseOffer(deps: Pick<MatchingDeps, 'offers'>, offerId: string, mine: (offer: Offer) => boolean, time: string, reason: OfferReleased['reason']): Promise<boolean> {
  for (let attempt = 0; attempt < HOLD_ATTEMPTS; attempt += 1) {
    const offer = await deps.offers.get(offerId);
    if (!offer || offer.status !== 'reserved' || !offer.reservedFor || !mine(offer)) return false;
    const { reservedFor, ...rest } = offer;
    const version = offer.version + 1;
    const next = { ...rest, status: 'available', version, updatedAt: time } as Offer;
    const event = outbound(
      'fr.sante.guichet.catalogue.offer-released.v1',
      { offerId, kind: offer.kind, version, requestId: reservedFor.requestId, reservationId: reservedFor.reservationId ?? uuidFrom('reservation', reservedFor.requestId), releasedAt: time, reason },
      { id: uuidFrom('event', 'released', offerId, String(version)), time, subject: `offers/${offerId}` },
    );
    if (await deps.offers.replace(next, offer.version, [event])) return true;
  }
  return false;
}
