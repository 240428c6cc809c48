import type { IsoDateTime } from '@guichet/contracts';
import type { CaseEvent } from './case-projection.js';
import { SOURCE_EVENT_TYPES, type SourceEventType } from './stakeholders.js';

/** `fr.sante.guichet.intake.request-submitted.v1` → `request-submitted`, when stakeholders hear of it. */
export function sourceEventTypeOf(type: CaseEvent['type']): SourceEventType | undefined {
  const name = type.split('.')[4];
  return (SOURCE_EVENT_TYPES as readonly string[]).includes(name ?? '') ? (name as SourceEventType) : undefined;
}

/** When the fact happened, as its producer dated it. */
export function occurredAtOf(event: CaseEvent): IsoDateTime {
  switch (event.type) {
    case 'fr.sante.guichet.intake.request-submitted.v1':
      return event.data.submittedAt;
    case 'fr.sante.guichet.intake.request-updated.v1':
      return event.data.updatedAt;
    case 'fr.sante.guichet.intake.request-status-changed.v1':
      return event.data.changedAt;
    case 'fr.sante.guichet.intake.bundle-accepted.v1':
      return event.data.acceptedAt;
    case 'fr.sante.guichet.intake.proposals-declined.v1':
      return event.data.declinedAt;
    case 'fr.sante.guichet.intake.request-withdrawn.v1':
      return event.data.withdrawnAt;
    case 'fr.sante.guichet.intake.request-erased.v1':
      return event.data.erasedAt;
    case 'fr.sante.guichet.matching.proposals-computed.v1':
      return event.data.computedAt;
    case 'fr.sante.guichet.matching.reservation-confirmed.v1':
      return event.data.confirmedAt;
    case 'fr.sante.guichet.matching.reservation-rejected.v1':
      return event.data.rejectedAt;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const requestIdOf = (event: CaseEvent): string => event.data.requestId;
