import type { EventOnTopic } from '@guichet/contracts';
import { closeRequest } from './close-request.js';
import { declineProposals } from './decline-proposals.js';
import type { MatchingDeps } from './matching-deps.js';
import { recordRequest, type HandlingOutcome } from './record-request.js';
import { reserveBundle } from './reserve-bundle.js';

export type IntakeEvent = EventOnTopic<'intake.requests.v1'>;

/**
 * The matching saga over intake's events, one reaction per event type: compute proposals,
 * reserve an accepted bundle, recompute after a refusal, let go of a closed request.
 * Every reaction is idempotent by event id. A reaction whose request was written meanwhile (by
 * another instance re-matching it, say) is made again from the request as it now is.
 */
export async function handleIntakeEvent(deps: MatchingDeps, eventId: string, event: IntakeEvent): Promise<HandlingOutcome> {
  for (let attempt = 0; attempt < REACTIONS; attempt += 1) {
    const outcome = await react(deps, eventId, event);
    if (outcome !== 'moved') return outcome;
  }
  throw new Error(`demande ${event.data.requestId} : réécrite sans cesse pendant la réaction à ${eventId}`);
}

/** Reactions made again after losing to another write of the request; more would mean a write loop. */
const REACTIONS = 20;

async function react(deps: MatchingDeps, eventId: string, event: IntakeEvent): Promise<HandlingOutcome | 'moved'> {
  switch (event.type) {
    case 'fr.sante.guichet.intake.request-submitted.v1':
      return recordRequest(deps, eventId, event.data, 'request-submitted');
    case 'fr.sante.guichet.intake.request-updated.v1':
      return recordRequest(deps, eventId, event.data, 'request-updated');
    case 'fr.sante.guichet.intake.bundle-accepted.v1': {
      const outcome = await reserveBundle(deps, eventId, event.data);
      return outcome === 'duplicate' ? 'duplicate' : 'applied';
    }
    case 'fr.sante.guichet.intake.proposals-declined.v1':
      return declineProposals(deps, eventId, event.data);
    case 'fr.sante.guichet.intake.request-withdrawn.v1':
      return closeRequest(deps, eventId, { requestId: event.data.requestId, time: event.data.withdrawnAt, release: 'request-withdrawn' });
    case 'fr.sante.guichet.intake.request-erased.v1':
      return closeRequest(deps, eventId, { requestId: event.data.requestId, time: event.data.erasedAt, release: 'request-erased', erase: true });
    case 'fr.sante.guichet.intake.request-status-changed.v1': {
      const { requestId, to, changedAt } = event.data;
      if (to === 'installed') return closeRequest(deps, eventId, { requestId, time: changedAt });
      if (to === 'closed' || to === 'withdrawn') return closeRequest(deps, eventId, { requestId, time: changedAt, release: to === 'withdrawn' ? 'request-withdrawn' : 'request-closed' });
      return 'ignored';
    }
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`événement d'intake inattendu : ${JSON.stringify(value)}`);
}
