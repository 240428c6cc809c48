import { cloudEventSources, validateEvent } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';
import { isPublished, type CaseEvent } from '../domain/index.js';
import type { Runtime } from './ports.js';

/**
 * The published events of a decision as CloudEvents, keyed by request id so one case's events
 * stay in order. Each is checked against its contract before it is stored: a producer never
 * sends what partners could not read.
 */
export function outboundEvents(events: readonly CaseEvent[], runtime: Runtime, now: string): OutboundEvent[] {
  return events.filter(isPublished).map((event) => {
    const check = validateEvent(event.type, event.data);
    if (!check.ok) throw new Error(`événement ${event.type} non conforme au contrat : ${JSON.stringify(check.errors.slice(0, 5))}`);
    const requestId = event.data.requestId;
    return { id: runtime.newId(), type: event.type, source: cloudEventSources.intake, subject: requestId, time: now, key: requestId, data: event.data };
  });
}
