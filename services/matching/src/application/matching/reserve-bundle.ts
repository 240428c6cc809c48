import type { BundleAccepted, Offer, OfferReleased } from '@guichet/contracts';
import { capacityOf, decide, evolve, initialReservationState, type OfferReservationState, type ReservationHold, reservationsOf, withReservations } from '../../domain/index.js';
import { uuidFrom } from '../ids.js';
import { outbound } from '../outbound.js';
import { computeProposals } from './compute-proposals.js';
import { contextOf, currentProposals, storeProposals, type MatchingDeps } from './matching-deps.js';
import { reachOf } from './reach.js';

export type ReservationOutcome = 'confirmed' | 'rejected' | 'duplicate';

/** Attempts before giving up on an offer whose version keeps moving under us (it is then treated as gone), beyond one per place it has. */
const HOLD_ATTEMPTS = 5;

/**
 * The candidate accepted a bundle: every offer of it is reserved by a compare-and-set on the
 * offer document (one more reservation, up to one per bed of a housing), so no offer is ever
 * reserved beyond its places.
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
  const base = { version: accepted.version, territory: accepted.territory };

  if (unavailable.length === 0) {
    const confirmed = outbound(
      'fr.sante.guichet.matching.reservation-confirmed.v1',
      { requestId, proposalSetId: accepted.proposalSetId, bundleId: accepted.bundleId, reservationId, offerIds: held, confirmedAt: time },
      { id: uuidFrom('event', 'confirmed', reservationId), time },
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
  for (const offerId of held) if (await releaseOffer(deps, offerId, (hold) => hold.reservationId === reservationId, time, 'reservation-rejected')) released.push(offerId);
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
    { id: uuidFrom('event', 'rejected', reservationId), time },
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
        basedOnRevision: stored.revision,
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

/** The reservation state of a stored offer, as the decider reads it. */
function reservationState(offer: Offer): OfferReservationState {
  return {
    ...initialReservationState({ id: offer.id, kind: offer.kind, version: offer.version, capacity: capacityOf(offer), status: offer.status }),
    // An offer written before reservations had ids is released under the id its request gives.
    holds: reservationsOf(offer).map((r) => ({ requestId: r.requestId, reservationId: r.reservationId ?? uuidFrom('reservation', r.requestId), reservedAt: r.reservedAt })),
  };
}

/**
 * One more reservation of the offer, by compare-and-set on its version: a housing takes one per
 * bed, anything else one. True when the offer is (already) held for this reservation.
 */
async function holdOffer(deps: MatchingDeps, offerId: string, requestId: string, reservationId: string, time: string): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    const offer = await deps.offers.get(offerId);
    if (!offer) return false;
    const state = reservationState(offer);
    const decision = decide({ type: 'ReserveOffer', data: { offerId, requestId, reservationId }, metadata: { now: time } }, state);
    if (!decision.ok) return false;
    const [reserved] = decision.events;
    // No event: this reservation (or this request) already holds the offer.
    if (reserved?.type !== 'OfferReserved') return true;
    const next = withReservations({ ...offer, version: reserved.data.version, updatedAt: time }, evolve(state, reserved).holds);
    const event = outbound('fr.sante.guichet.catalogue.offer-reserved.v1', reserved.data, { id: uuidFrom('event', 'reserved', offerId, reservationId), time });
    if (await deps.offers.replace(next, offer.version, [event])) return true;
    // A lost compare-and-set is another writer's progress: a housing may lose one race per bed it fills.
    if (attempt >= HOLD_ATTEMPTS + capacityOf(offer)) return false;
  }
}

/** Lifts the reservation of the offer that `mine` designates; true when one was released. */
export async function releaseOffer(deps: Pick<MatchingDeps, 'offers'>, offerId: string, mine: (reservation: ReservationHold) => boolean, time: string, reason: OfferReleased['reason']): Promise<boolean> {
  for (let attempt = 0; attempt < HOLD_ATTEMPTS; attempt += 1) {
    const offer = await deps.offers.get(offerId);
    if (!offer) return false;
    const state = reservationState(offer);
    const hold = state.holds.find(mine);
    if (!hold) return false;
    const decision = decide({ type: 'ReleaseOffer', data: { offerId, reservationId: hold.reservationId, reason }, metadata: { now: time } }, state);
    const [released] = decision.ok ? decision.events : [];
    if (released?.type !== 'OfferReleased') return false;
    const next = withReservations({ ...offer, version: released.data.version, updatedAt: time }, evolve(state, released).holds);
    const event = outbound('fr.sante.guichet.catalogue.offer-released.v1', released.data, { id: uuidFrom('event', 'released', offerId, String(released.data.version)), time });
    if (await deps.offers.replace(next, offer.version, [event])) return true;
  }
  return false;
}
