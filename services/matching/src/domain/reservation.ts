import type { IsoDateTime, Offer, OfferKind, OfferReleased, OfferReservation, OfferReserved, OfferStatus, OfferWithdrawn } from '@guichet/contracts';

/**
 * Reservation of a scarce offer (a practice room, a housing bed) as a decider: `decide` turns a
 * command into events or a refusal, `evolve` folds events into the state. The adapter stores the
 * state with a version and writes it by conditional update, so a lost race is retried against the
 * new state and an offer is never reserved beyond its capacity.
 */

export interface ReservationHold {
  readonly reservationId: string;
  readonly requestId: string;
  readonly reservedAt: IsoDateTime;
}

export interface OfferReservationState {
  readonly offerId: string;
  readonly kind: OfferKind;
  /** Reservations the offer can hold at once: the beds of a housing, 1 for premises and jobs. */
  readonly capacity: number;
  readonly version: number;
  readonly withdrawn: boolean;
  readonly holds: readonly ReservationHold[];
}

export type ReserveOffer = {
  readonly type: 'ReserveOffer';
  readonly data: { readonly offerId: string; readonly requestId: string; readonly reservationId: string };
  readonly metadata: { readonly now: IsoDateTime };
};

export type ReleaseOffer = {
  readonly type: 'ReleaseOffer';
  readonly data: { readonly offerId: string; readonly reservationId: string; readonly reason: OfferReleased['reason'] };
  readonly metadata: { readonly now: IsoDateTime };
};

export type ReservationCommand = ReserveOffer | ReleaseOffer;

export type ReservationEvent = { readonly type: 'OfferReserved'; readonly data: OfferReserved } | { readonly type: 'OfferReleased'; readonly data: OfferReleased };

/** Events of the offer's life that the reservation state also follows. */
export type OfferLifecycleEvent = ReservationEvent | { readonly type: 'OfferWithdrawn'; readonly data: OfferWithdrawn };

export interface ReservationError {
  readonly code: 'offer-taken' | 'offer-withdrawn' | 'wrong-offer';
  readonly message: string;
}

export type Decision = { readonly ok: true; readonly events: readonly ReservationEvent[] } | { readonly ok: false; readonly error: ReservationError };

export function initialReservationState(offer: { readonly id: string; readonly kind: OfferKind; readonly version: number; readonly capacity: number; readonly status: OfferStatus }): OfferReservationState {
  return { offerId: offer.id, kind: offer.kind, capacity: Math.max(1, offer.capacity), version: offer.version, withdrawn: offer.status === 'withdrawn', holds: [] };
}

export function decide(command: ReservationCommand, state: OfferReservationState): Decision {
  if (command.data.offerId !== state.offerId) {
    return { ok: false, error: { code: 'wrong-offer', message: "La commande ne porte pas sur cette offre." } };
  }
  switch (command.type) {
    case 'ReserveOffer': {
      const { requestId, reservationId } = command.data;
      // A retried command, or the same request asking again, changes nothing.
      if (state.holds.some((h) => h.reservationId === reservationId || h.requestId === requestId)) return { ok: true, events: [] };
      if (state.withdrawn) return { ok: false, error: { code: 'offer-withdrawn', message: 'Cette offre a été retirée par son éditeur.' } };
      if (state.holds.length >= state.capacity) return { ok: false, error: { code: 'offer-taken', message: "Cette offre vient d'être réservée pour une autre demande." } };
      return {
        ok: true,
        events: [{ type: 'OfferReserved', data: { offerId: state.offerId, kind: state.kind, version: state.version + 1, requestId, reservationId, reservedAt: command.metadata.now } }],
      };
    }
    case 'ReleaseOffer': {
      const hold = state.holds.find((h) => h.reservationId === command.data.reservationId);
      if (!hold) return { ok: true, events: [] };
      return {
        ok: true,
        events: [
          {
            type: 'OfferReleased',
            data: { offerId: state.offerId, kind: state.kind, version: state.version + 1, requestId: hold.requestId, reservationId: hold.reservationId, releasedAt: command.metadata.now, reason: command.data.reason },
          },
        ],
      };
    }
    default:
      return assertNever(command);
  }
}

export function evolve(state: OfferReservationState, event: OfferLifecycleEvent): OfferReservationState {
  switch (event.type) {
    case 'OfferReserved':
      return { ...state, version: event.data.version, holds: [...state.holds, { reservationId: event.data.reservationId, requestId: event.data.requestId, reservedAt: event.data.reservedAt }] };
    case 'OfferReleased':
      return { ...state, version: event.data.version, holds: state.holds.filter((h) => h.reservationId !== event.data.reservationId) };
    case 'OfferWithdrawn':
      return { ...state, version: event.data.version, withdrawn: true };
    default:
      return assertNever(event);
  }
}

/** The offer status the catalogue shows: withdrawn, reserved when every place is held, else available. */
export function offerStatusOf(state: OfferReservationState): OfferStatus {
  if (state.withdrawn) return 'withdrawn';
  return state.holds.length >= state.capacity ? 'reserved' : 'available';
}

/** Reservations an offer takes at once: one per bed of a housing, one for premises or a job. */
export function capacityOf(offer: Offer): number {
  return offer.kind === 'housing' ? Math.max(1, offer.details.beds) : 1;
}

/**
 * The reservations an offer holds, oldest first: its list, or the single `reservedFor` of an
 * offer written before offers listed their reservations.
 */
export function reservationsOf(offer: Offer): readonly OfferReservation[] {
  return offer.reservations ?? (offer.reservedFor ? [offer.reservedFor] : []);
}

/**
 * The offer as the catalogue shows it holding these reservations: `reserved` once every place is
 * held, the beds a housing has left, and `reservedFor` (the first reservation) while it is full,
 * which is what readers of the first version of the contract know.
 */
export function withReservations(offer: Offer, reservations: readonly OfferReservation[]): Offer {
  const { reservedFor: _first, reservations: _list, ...rest } = offer;
  const full = reservations.length >= capacityOf(offer);
  const status: OfferStatus = offer.status === 'withdrawn' ? 'withdrawn' : full ? 'reserved' : 'available';
  return {
    ...rest,
    status,
    ...(rest.kind === 'housing' ? { bedsAvailable: Math.max(0, rest.details.beds - reservations.length) } : {}),
    ...(status === 'reserved' ? { reservedFor: reservations[0]! } : {}),
    ...(reservations.length > 0 ? { reservations: [...reservations] } : {}),
  } as Offer;
}

function assertNever(value: never): never {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
}
