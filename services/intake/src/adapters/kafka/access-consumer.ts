import { parseEvent, type GuichetEvent } from '@guichet/contracts';
import { runConsumer, type EventValidation, type InboundEvent, type KafkaClient, type Logger, type RunningConsumer } from '@guichet/platform';
import { recordCaseAccesses, type CommandDeps, type ReportedAccess } from '../../application/index.js';

export interface AccessConsumerOptions {
  kafka: KafkaClient;
  commands: CommandDeps;
  /** `audit.case-access.v1` unless configured. */
  topic: string;
  groupId: string;
  logger: Logger;
}

function validate(event: InboundEvent): EventValidation {
  const parsed = parseEvent(event.type, event.data);
  if (parsed.ok) return { ok: true };
  return { ok: false, reasons: parsed.errors.slice(0, 10).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`) };
}

/** The accesses an event reports: those of a record, or the one of a `case-accessed` event, under the event's id. */
function accessesOf(event: GuichetEvent, eventId: string): { caseId: string; accesses: ReportedAccess[] } | undefined {
  if (event.type === 'fr.sante.guichet.audit.case-accesses.v1') return { caseId: event.data.requestId, accesses: event.data.accesses };
  if (event.type !== 'fr.sante.guichet.audit.case-accessed.v1') return undefined;
  const { requestId, ...access } = event.data;
  return { caseId: requestId, accesses: [{ id: eventId, ...access }] };
}

/**
 * The accesses of a fetched batch, each case read once and its accesses written together; the
 * inserts of the cases of the batch share the access log's group commit.
 */
async function handleAll(commands: CommandDeps, events: readonly InboundEvent[], logger: Logger): Promise<void> {
  const byCase = new Map<string, { eventIds: string[]; accesses: ReportedAccess[] }>();
  for (const event of events) {
    // `runConsumer` hands over only events that passed `validate`.
    const reported = accessesOf({ type: event.type, data: event.data } as GuichetEvent, event.id);
    if (reported === undefined) {
      logger.warn({ eventType: event.type, eventId: event.id }, 'événement sans effet sur le journal des accès, ignoré');
      continue;
    }
    const ofCase = byCase.get(reported.caseId) ?? { eventIds: [], accesses: [] };
    ofCase.eventIds.push(event.id);
    ofCase.accesses.push(...reported.accesses);
    byCase.set(reported.caseId, ofCase);
  }
  await Promise.all(
    [...byCase].map(async ([caseId, { eventIds, accesses }]) => {
      const outcome = await recordCaseAccesses(commands, caseId, accesses);
      // An access reported after the case's erasure has nothing left to be written beside.
      if (outcome === 'unknown-case') logger.info({ eventIds }, 'accès à un dossier inconnu ou effacé, non inscrit');
    }),
  );
}

/**
 * Accesses to cases made by matching's and notifications' callers (proposals read, disclosures
 * to partners), written to the candidates' access logs once each.
 */
export function startAccessConsumer({ kafka, commands, topic, groupId, logger }: AccessConsumerOptions): Promise<RunningConsumer> {
  return runConsumer({
    kafka,
    groupId,
    topics: [topic],
    validate,
    handle: (event) => handleAll(commands, [event], logger),
    handleBatch: (events) => handleAll(commands, events, logger),
    logger,
  });
}
