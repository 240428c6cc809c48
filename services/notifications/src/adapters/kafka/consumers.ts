import { eventTypesOfTopic, fieldErrorsFromValidationErrors, validateEvent, type EventOnTopic, type Territory } from '@guichet/contracts';
import {
  captureTraceContext,
  inEventContext,
  openingSealedEvents,
  runConsumer,
  type EventValidation,
  type InboundEvent,
  type KafkaClient,
  type Logger,
  type RunningConsumer,
  type SealedData,
} from '@guichet/platform';
import { handleCaseEventForMail, type CandidateMailDeps } from '../../application/candidate-mail.js';
import { dispatchStakeholderEvents, type DispatchDeps } from '../../application/dispatch-stakeholder-event.js';
import { OneCaseAtATime } from '../../application/one-case-at-a-time.js';
import { projectCaseEvent, type ProjectCaseDeps } from '../../application/project-case-event.js';
import { recordCatalogueEvent, type CatalogueEvent } from '../../application/record-catalogue.js';
import type { CatalogueStore, StoredStakeholderEvent } from '../../application/ports.js';
import type { CaseEvent } from '../../domain/case-projection.js';
import { stakeholderOfEventType } from '../../domain/stakeholders.js';
import { contractTopics, type TopicNames } from './topic-names.js';

/** Consumers validate on receipt (architecture §4): unknown types and payloads outside the contract go to the DLQ with the reason. */
export function contractValidation(names: TopicNames) {
  const contract = contractTopics(names);
  return (event: InboundEvent): EventValidation => {
    const topic = contract.get(event.topic);
    if (!topic || !(eventTypesOfTopic(topic) as string[]).includes(event.type)) {
      return { ok: false, reasons: [`type d'événement ${event.type} inattendu sur ${event.topic}`] };
    }
    const result = validateEvent(event.type, event.data);
    if (result.ok) return { ok: true };
    return { ok: false, reasons: fieldErrorsFromValidationErrors(result.errors).map((e) => `${e.field || '(racine)'} : ${e.detail}`) };
  };
}

export interface ConsumerSetup {
  kafka: KafkaClient;
  topics: TopicNames;
  groupPrefix: string;
  logger: Logger;
  concurrency?: number;
  /** Intake seals its events with each case's key: opened here, passed over once the case is erased. */
  sealed: SealedData;
}

// Validation has run: the type is one of the topic's and the data satisfies its schema.
const asCaseEvent = (event: InboundEvent) => ({ type: event.type, data: event.data }) as CaseEvent;


/** Cases handled side by side in a fetched batch; each one's events in their order. */
const CASES_IN_PARALLEL = 64;

/**
 * A fetched batch of one partition, handled case by case: the events of one key (a case) one
 * after another, in order, different cases at the same time. A partition carries many cases, and
 * their writes are then grouped (GroupCommit) instead of waiting for each other. When one fails,
 * the others still finish, and the batch fails: the consumer retries it (handled events are
 * recognised by their id) and then handles its events one by one.
 */
async function byCase(events: readonly InboundEvent[], handle: (event: InboundEvent) => Promise<void>): Promise<void> {
  const lanes = new Map<string, InboundEvent[]>();
  for (const event of events) {
    const key = event.key ?? event.id;
    lanes.set(key, [...(lanes.get(key) ?? []), event]);
  }
  const queue = [...lanes.values()];
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      try {
        for (const event of lane) await inEventContext(event, () => handle(event));
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CASES_IN_PARALLEL, queue.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

/**
 * Catalogue events → this instance's catalogue in memory, and the records the next start reads it
 * from. A group of its own per instance and start, read from the beginning: every instance knows
 * every offer and zoning import, whichever instance projects the case that needs them (a group
 * shared by the instances would give each event to one of them only). It commits no offset and is
 * deleted at stop; those killed instances left are deleted at the next start.
 */
export function runCatalogueConsumer(setup: ConsumerSetup, catalogue: CatalogueStore, instance: string): Promise<RunningConsumer> {
  const { topics } = setup;
  return runConsumer({
    kafka: setup.kafka,
    groupId: `${setup.groupPrefix}-catalogue-${instance}`,
    instanceGroup: { stale: (id) => id.startsWith(`${setup.groupPrefix}-catalogue-`) },
    topics: [topics.catalogueOffers, topics.catalogueReference],
    fromBeginning: true,
    validate: contractValidation(topics),
    concurrency: 1,
    logger: setup.logger,
    handle: (event) => recordCatalogueEvent(catalogue, { type: event.type, data: event.data } as CatalogueEvent),
  });
}

/** Case events → case projections and their stakeholder events (the catalogue read from memory). */
export function runProjectionConsumer(setup: ConsumerSetup, deps: ProjectCaseDeps & { catalogue: CatalogueStore }): Promise<RunningConsumer> {
  const { topics } = setup;
  const oneCaseAtATime = new OneCaseAtATime();
  const handle = async (event: InboundEvent): Promise<void> => {
    const source = { id: event.id, event: asCaseEvent(event) };
    const trace = captureTraceContext();
    await oneCaseAtATime.run(source.event.data.requestId, () => projectCaseEvent(deps, source, trace));
  };
  return runConsumer(openingSealedEvents({
    kafka: setup.kafka,
    groupId: `${setup.groupPrefix}-projections`,
    topics: [topics.intakeRequests, topics.matchingProposals],
    validate: contractValidation(topics),
    concurrency: setup.concurrency ?? 4,
    logger: setup.logger,
    handle,
    handleBatch: (events) => byCase(events, handle),
  }, setup.sealed));
}

/** Case events → candidate e-mails. */
export function runEmailConsumer(setup: ConsumerSetup, deps: CandidateMailDeps): Promise<RunningConsumer> {
  const { topics } = setup;
  return runConsumer(openingSealedEvents({
    kafka: setup.kafka,
    groupId: `${setup.groupPrefix}-emails`,
    topics: [topics.intakeRequests, topics.matchingProposals],
    validate: contractValidation(topics),
    concurrency: setup.concurrency ?? 4,
    logger: setup.logger,
    handle: (event) => handleCaseEventForMail(deps, { id: event.id, event: asCaseEvent(event) }),
    handleBatch: (events) => byCase(events, (event) => handleCaseEventForMail(deps, { id: event.id, event: asCaseEvent(event) })),
  }, setup.sealed));
}

/** Events handled together by the webhook consumer: more than one fetch of a partition holds. */
const WEBHOOK_BATCH = 2000;

type StakeholderData = EventOnTopic<'stakeholder.ars.v1'>['data'];

function storedEvent(event: InboundEvent): StoredStakeholderEvent | undefined {
  const data = event.data as StakeholderData;
  const stakeholder = stakeholderOfEventType(event.type);
  if (!stakeholder) return undefined;
  return {
    id: event.id,
    type: event.type,
    stakeholder,
    requestId: data.requestId,
    time: new Date(event.time ?? data.occurredAt),
    ...(data.territory ? { territory: data.territory as Territory } : {}),
    data: data as unknown as Record<string, unknown>,
    seq: Number(event.offset),
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
  };
}

/**
 * Stakeholder events, read back from their topics as partners see them → webhook deliveries.
 * Read a fetched batch at a time: the cost of queuing is per write, and a batch is a few writes.
 * A whole fetch (up to about a thousand events per partition) is one batch: the database's cost
 * is mostly per insert, so fewer and larger inserts cost less per delivery (bench/RESULTS.md).
 */
export function runWebhookConsumer(setup: ConsumerSetup, deps: DispatchDeps): Promise<RunningConsumer> {
  const { topics } = setup;
  const dispatch = (events: readonly InboundEvent[]) => dispatchStakeholderEvents(deps, events.map(storedEvent).filter((e): e is StoredStakeholderEvent => e !== undefined)).then(() => undefined);
  return runConsumer({
    kafka: setup.kafka,
    groupId: `${setup.groupPrefix}-webhooks`,
    topics: Object.values(topics.stakeholder),
    validate: contractValidation(topics),
    concurrency: setup.concurrency ?? 4,
    maxBatch: WEBHOOK_BATCH,
    logger: setup.logger,
    handle: (event) => dispatch([event]),
    handleBatch: dispatch,
  });
}
