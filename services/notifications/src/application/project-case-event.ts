import { cloudEventSources, eventCatalogue, fieldErrorsFromValidationErrors, type EventType, type Territory } from '@guichet/contracts';
import { outboxEntries, UnprocessableEvent, type OutboundEvent, type TraceCarrier } from '@guichet/platform';
import { emptyCase, type CaseEvent, type CaseProjection, type SourceEvent } from '../domain/case-projection.js';
import { streamDisclosures } from '../domain/disclosures.js';
import { projectCase, type StakeholderMessage } from '../domain/project-case.js';
import type { Stakeholder } from '../domain/stakeholders.js';
import { disclosureEvents } from './disclosure-log.js';
import type { CaseStore, CatalogueStore } from './ports.js';

export interface ProjectCaseDeps {
  cases: CaseStore;
  catalogue: CatalogueStore;
  /** The partner client that reads a family's streams, named in the candidate's access log. */
  partnerOf?: (family: Stakeholder) => string | undefined;
}

/** Each stakeholder event published on a partner's stream is a disclosure to that partner. */
function disclosuresOf(messages: readonly StakeholderMessage[], partnerOf: ProjectCaseDeps['partnerOf']): OutboundEvent[] {
  return disclosureEvents(
    messages.flatMap((message) => {
      const { territory } = message.payload as { territory?: Territory };
      const event = { id: message.id, type: message.type, requestId: message.requestId, time: message.time, ...(territory === undefined ? {} : { territory }) };
      return streamDisclosures(event, partnerOf ?? (() => undefined));
    }),
  );
}

/** Intake's first event of a case: the case is new, unless the event comes again or matching's answer was read first. */
const OPENS_CASE: CaseEvent['type'] = 'fr.sante.guichet.intake.request-submitted.v1';

/** Writes of the same case that came first (its events read from two topics, or by two instances), before giving up. */
const MAX_RACES = 10;

/** The parts of any case event that name communes or offers. */
interface EventData {
  request?: { targets?: { communes?: string[] } };
  offerIds?: string[];
  unavailableOfferIds?: string[];
  releasedOfferIds?: string[];
  bundles?: Array<Record<string, unknown>>;
}

/** Communes whose zoning and offers whose place the projection of this event may read. */
function referencesOf(state: CaseProjection, event: CaseEvent): { communes: string[]; offerIds: string[] } {
  const communes = new Set(state.profile?.targetCommunes ?? []);
  const offerIds = new Set([...(state.accepted?.offerIds ?? []), ...state.bundles.flatMap((b) => [b.premisesOfferId, b.housingOfferId, b.jobOfferId])]);
  for (const { data } of [event, ...state.deferred.map((d) => d.event)] as Array<{ data: EventData }>) {
    for (const commune of data.request?.targets?.communes ?? []) communes.add(commune);
    for (const id of [...(data.offerIds ?? []), ...(data.unavailableOfferIds ?? []), ...(data.releasedOfferIds ?? [])]) offerIds.add(id);
    for (const bundle of data.bundles ?? []) for (const key of ['premisesOfferId', 'housingOfferId', 'jobOfferId']) offerIds.add(bundle[key] as string | undefined);
  }
  return { communes: [...communes], offerIds: [...offerIds].filter((id): id is string => typeof id === 'string') };
}

/** Producers validate before sending (architecture §4): a projection outside its contract is a defect, not a message. */
function toOutbound(message: StakeholderMessage): OutboundEvent {
  const result = eventCatalogue[message.type as EventType].validate(message.payload);
  if (!result.ok) {
    const reasons = fieldErrorsFromValidationErrors(result.errors).map((e) => `${e.field || '(racine)'} : ${e.detail}`);
    throw new UnprocessableEvent(`projection ${message.type} hors contrat : ${reasons.join(' ; ')}`);
  }
  return {
    id: message.id,
    type: message.type,
    source: cloudEventSources.notifications,
    subject: message.requestId,
    time: message.time,
    key: message.requestId,
    data: message.payload,
  };
}

/**
 * Projects one case event: the new case state, the event id and its stakeholder events are
 * written together, once per event id, after the revision read; a concurrent write of the case
 * makes it read and decide again. The store has the events published.
 */
export async function projectCaseEvent(deps: ProjectCaseDeps, source: SourceEvent, trace: TraceCarrier = {}): Promise<'applied' | 'duplicate'> {
  const requestId = source.event.data.requestId;
  for (let race = 0; race < MAX_RACES; race += 1) {
    // Decided first on the case as this process knows it, or as new for its submission: a write of it made
    // elsewhere, before or meanwhile (a redelivery, matching's answer read first), refuses the save.
    const recalled = race === 0 ? deps.cases.recall(requestId) : undefined;
    const guessedNew = race === 0 && recalled === undefined && source.event.type === OPENS_CASE;
    const stored = recalled ?? (guessedNew ? undefined : await deps.cases.load(requestId));
    if (stored?.processedEventIds.includes(source.id)) return 'duplicate';
    const before = stored?.state ?? emptyCase(requestId);
    const references = referencesOf(before, source.event);
    const context = await deps.catalogue.context(references.communes, references.offerIds);
    const { state, messages } = projectCase(before, source, context);
    // The trace of the input event goes on with its stakeholder events (and the webhooks that carry them).
    // Their disclosures by Kafka are in the same write: published with them, at least once.
    const entries = outboxEntries([...messages.map((message) => ({ ...toOutbound(message), ...trace })), ...disclosuresOf(messages, deps.partnerOf)]);
    if ((await deps.cases.save(requestId, stored, source.id, state, entries)) === 'applied') return 'applied';
  }
  throw new Error(`dossier ${requestId} : écriture concurrente persistante après ${MAX_RACES} essais`);
}
