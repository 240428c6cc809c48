import { parseEvent, type GuichetEvent } from '@guichet/contracts';
import { runConsumer, UnprocessableEvent, type EventValidation, type InboundEvent, type KafkaClient, type Logger, type RunningConsumer } from '@guichet/platform';
import { recordProposals, recordReservationConfirmed, recordReservationRejected, type EventOutcome, type CommandDeps } from '../../application/index.js';

export interface MatchingConsumerOptions {
  kafka: KafkaClient;
  commands: CommandDeps;
  /** `matching.proposals.v1` unless configured. */
  topic: string;
  groupId: string;
  logger: Logger;
}

/** Contract check on receipt: an event that does not match its schema goes to the DLQ with the reasons. */
function validate(event: InboundEvent): EventValidation {
  const parsed = parseEvent(event.type, event.data);
  if (parsed.ok) return { ok: true };
  return { ok: false, reasons: parsed.errors.slice(0, 10).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`) };
}

/**
 * `runConsumer` hands over only events that passed `validate`: they are not checked a second time
 * (a proposal set of ~110 kB costs ~4 ms to validate).
 */
async function handle(commands: CommandDeps, event: InboundEvent, logger: Logger): Promise<void> {
  const checked = { type: event.type, data: event.data } as GuichetEvent;
  let outcome: EventOutcome;
  switch (checked.type) {
    case 'fr.sante.guichet.matching.proposals-computed.v1':
      outcome = await recordProposals(commands, event.id, checked.data);
      break;
    case 'fr.sante.guichet.matching.reservation-confirmed.v1':
      outcome = await recordReservationConfirmed(commands, event.id, checked.data);
      break;
    case 'fr.sante.guichet.matching.reservation-rejected.v1':
      outcome = await recordReservationRejected(commands, event.id, checked.data);
      break;
    default:
      logger.warn({ eventType: event.type, eventId: event.id }, 'événement sans effet sur les dossiers, ignoré');
      return;
  }
  if (outcome === 'unknown-case') throw new UnprocessableEvent(`aucun dossier ${event.key ?? ''} pour l’événement ${event.id}`);
  logger.debug({ eventType: event.type, eventId: event.id, outcome }, 'événement de matching traité');
}

/**
 * Proposals and reservation outcomes from matching, applied to their case once each: the event
 * id is recorded in the same write (duplicates change nothing) and the decider ignores an older
 * proposal set arriving after a newer one.
 */
export function startMatchingConsumer({ kafka, commands, topic, groupId, logger }: MatchingConsumerOptions): Promise<RunningConsumer> {
  return runConsumer({ kafka, groupId, topics: [topic], validate, handle: (event) => handle(commands, event, logger), logger });
}
