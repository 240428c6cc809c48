import { cloudEventSources, eventCatalogue, fieldErrorsFromValidationErrors, type EventType } from '@guichet/contracts';
import { UnprocessableEvent, type OutboundEvent } from '@guichet/platform';
import { emptyCase, type CaseEvent, type CaseProjection, type SourceEvent } from '../domain/case-projection.js';
import { projectCase, type StakeholderMessage } from '../domain/project-case.js';
import type { DocumentLocks } from '@guichet/platform';
import type { CaseStore, CatalogueStore } from './ports.js';

export interface ProjectCaseDeps {
  cases: CaseStore;
  catalogue: CatalogueStore;
  /** One case at a time: two events of a case read from two topics would otherwise race and retry. */
  lock: DocumentLocks;
  /** Called after a write that queued stakeholder events (to publish without waiting for the poll). */
  onQueued?: () => void;
}

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
 * Projects one case event: the new case state and its stakeholder events are written together,
 * once per event id. Two events of one case from different topics may race; the loser retries.
 */
export function projectCaseEvent(deps: ProjectCaseDeps, source: SourceEvent): Promise<'applied' | 'duplicate'> {
  return deps.lock.run(source.event.data.requestId, () => project(deps, source));
}

async function project(deps: ProjectCaseDeps, source: SourceEvent): Promise<'applied' | 'duplicate'> {
  const requestId = source.event.data.requestId;
  for (let race = 0; race < MAX_RACES; race += 1) {
    const stored = await deps.cases.load(requestId, source.id);
    if (stored?.seen) return 'duplicate';
    const before = stored?.state ?? emptyCase(requestId);
    const references = referencesOf(before, source.event);
    const context = await deps.catalogue.context(references.communes, references.offerIds);
    const { state, messages } = projectCase(before, source, context);
    const outcome = await deps.cases.save(requestId, stored?.version, source.id, state, messages.map(toOutbound));
    if (outcome === 'duplicate') return 'duplicate';
    if (outcome === 'applied') {
      if (messages.length > 0) deps.onQueued?.();
      return 'applied';
    }
  }
  throw new Error(`dossier ${requestId} : écriture concurrente persistante après ${MAX_RACES} essais`);
}
