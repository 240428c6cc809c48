import type { ReservationConfirmed, ReservationRejected } from '@guichet/contracts';
import type { CommandDeps } from './run-command.js';
import { applyMatchingEvent, type EventOutcome } from './record-proposals.js';

/** All offers of the accepted bundle are reserved: the installation is under way. */
export function recordReservationConfirmed(deps: CommandDeps, eventId: string, confirmed: ReservationConfirmed): Promise<EventOutcome> {
  return applyMatchingEvent(deps, eventId, confirmed.requestId, { type: 'record-reservation-confirmed', data: confirmed });
}

/** An offer was gone: the case goes back to proposals_ready, with the fresh proposals when they are there. */
export function recordReservationRejected(deps: CommandDeps, eventId: string, rejected: ReservationRejected): Promise<EventOutcome> {
  return applyMatchingEvent(deps, eventId, rejected.requestId, { type: 'record-reservation-rejected', data: rejected });
}
