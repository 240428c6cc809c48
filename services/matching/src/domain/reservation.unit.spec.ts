import { describe, expect, it } from '@jest/globals';
import type { HousingOffer } from '@guichet/contracts';
import { PLACES, housing } from '../../test/offer-fixtures.js';
import { decide, evolve, initialReservationState, offerStatusOf, reservationsOf, withReservations, type OfferReservationState, type ReservationCommand } from './reservation.js';

const now = '2026-10-15T18:00:01Z';
const room = () => initialReservationState({ id: 'offer-1', kind: 'premises', version: 3, capacity: 1, status: 'available' });
const reserve = (reservationId: string, requestId = `request-${reservationId}`): ReservationCommand => ({
  type: 'ReserveOffer',
  data: { offerId: 'offer-1', requestId, reservationId },
  metadata: { now },
});
const release = (reservationId: string): ReservationCommand => ({ type: 'ReleaseOffer', data: { offerId: 'offer-1', reservationId, reason: 'reservation-rejected' }, metadata: { now } });

/** Given a state, when a command, apply its events: the state after. */
function run(state: OfferReservationState, command: ReservationCommand): OfferReservationState {
  const decision = decide(command, state);
  return decision.ok ? decision.events.reduce(evolve, state) : state;
}

describe('offer reservation decider', () => {
  it('reserves an available offer and moves it to « reserved »', () => {
    const decision = decide(reserve('res-a'), room());
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'OfferReserved', data: { offerId: 'offer-1', kind: 'premises', version: 4, requestId: 'request-res-a', reservationId: 'res-a', reservedAt: now } }],
    });
    expect(offerStatusOf(run(room(), reserve('res-a')))).toBe('reserved');
  });

  it('refuses a second reservation of a taken offer, with a French reason', () => {
    const taken = run(room(), reserve('res-a'));
    expect(decide(reserve('res-b'), taken)).toEqual({ ok: false, error: { code: 'offer-taken', message: "Cette offre vient d'être réservée pour une autre demande." } });
  });

  it('of 50 acceptances of the same room, exactly one wins', () => {
    let state = room();
    const outcomes = Array.from({ length: 50 }, (_, i) => {
      const decision = decide(reserve(`res-${i}`), state);
      if (decision.ok) state = decision.events.reduce(evolve, state);
      return decision.ok && decision.events.length === 1;
    });
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(state.holds).toHaveLength(1);
  });

  it('treats a retried reservation, or the same request asking again, as already done', () => {
    const taken = run(room(), reserve('res-a'));
    expect(decide(reserve('res-a'), taken)).toEqual({ ok: true, events: [] });
    expect(decide(reserve('res-other', 'request-res-a'), taken)).toEqual({ ok: true, events: [] });
  });

  it('releases a reservation, which makes the offer available again', () => {
    const taken = run(room(), reserve('res-a'));
    const decision = decide(release('res-a'), taken);
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'OfferReleased', data: { offerId: 'offer-1', kind: 'premises', version: 5, requestId: 'request-res-a', reservationId: 'res-a', releasedAt: now, reason: 'reservation-rejected' } }],
    });
    const freed = run(taken, release('res-a'));
    expect(offerStatusOf(freed)).toBe('available');
    expect(decide(reserve('res-b'), freed).ok).toBe(true);
  });

  it('releasing an unknown or already released reservation changes nothing', () => {
    expect(decide(release('nobody'), room())).toEqual({ ok: true, events: [] });
  });

  it('a housing with beds takes one reservation per bed', () => {
    let flat = initialReservationState({ id: 'offer-1', kind: 'housing', version: 1, capacity: 3, status: 'available' });
    for (const id of ['a', 'b', 'c']) flat = run(flat, reserve(id));
    expect(offerStatusOf(flat)).toBe('reserved');
    expect(decide(reserve('d'), flat)).toMatchObject({ ok: false, error: { code: 'offer-taken' } });
  });

  it('refuses to reserve a withdrawn offer', () => {
    const withdrawn = evolve(room(), { type: 'OfferWithdrawn', data: { offerId: 'offer-1', kind: 'premises', version: 4, territory: { regions: ['24'], departements: ['37'] }, withdrawnAt: now } });
    expect(offerStatusOf(withdrawn)).toBe('withdrawn');
    expect(decide(reserve('res-a'), withdrawn)).toMatchObject({ ok: false, error: { code: 'offer-withdrawn' } });
  });

  it('refuses a command addressed to another offer', () => {
    const other: ReservationCommand = { type: 'ReserveOffer', data: { offerId: 'offer-2', requestId: 'r', reservationId: 'x' }, metadata: { now } };
    expect(decide(other, room())).toMatchObject({ ok: false, error: { code: 'wrong-offer' } });
  });
});

describe('reservations as the catalogue shows them', () => {
  const flat = (beds: number): HousingOffer => housing('flat', PLACES.loches, { beds }).offer;
  const hold = (n: number) => ({ requestId: `00000000-0000-4000-8000-00000000000${n}`, reservationId: `00000000-0000-4000-9000-00000000000${n}`, reservedAt: now });

  it('keeps a housing of two beds available with one reservation, and reserved with two', () => {
    const one = withReservations(flat(2), [hold(1)]);
    expect(one).toMatchObject({ status: 'available', bedsAvailable: 1, reservations: [hold(1)] });
    expect(one.reservedFor).toBeUndefined();
    const two = withReservations(one, [...reservationsOf(one), hold(2)]);
    expect(two).toMatchObject({ status: 'reserved', bedsAvailable: 0, reservations: [hold(1), hold(2)], reservedFor: hold(1) });
  });

  it('gives the bed back when a reservation goes, and drops the list when none is left', () => {
    const full = withReservations(flat(1), [hold(1)]);
    expect(full).toMatchObject({ status: 'reserved', reservedFor: hold(1), bedsAvailable: 0 });
    const free = withReservations(full, []);
    expect(free).toMatchObject({ status: 'available', bedsAvailable: 1 });
    expect(free).not.toHaveProperty('reservations');
    expect(free).not.toHaveProperty('reservedFor');
  });

  it('reads the single reservation of an offer written before offers listed them', () => {
    expect(reservationsOf({ ...flat(1), status: 'reserved', reservedFor: hold(3) })).toEqual([hold(3)]);
    expect(reservationsOf(flat(1))).toEqual([]);
  });
});
