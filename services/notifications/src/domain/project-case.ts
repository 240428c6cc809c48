import type { Territory } from '@guichet/contracts';
import { evolve, type CaseProjection, type SourceEvent } from './case-projection.js';
import { collectivitesDrafts } from './collectivites-drafts.js';
import { allowedFields, concerns, disclosuresFor, discloseOnly, purposesOf } from './disclosure-policy.js';
import { arsDrafts, cpamDrafts, ordreDrafts, type Draft, type DraftInput, type ProjectionContext } from './drafts.js';
import { nameBasedUuid } from './ids.js';
import { withoutPersonalData } from './personal-data.js';
import { occurredAtOf, sourceEventTypeOf } from './source-event.js';
import { STAKEHOLDERS, stakeholderEventType, type Stakeholder } from './stakeholders.js';

/** A minimised stakeholder event, ready to be validated against its contract and put in the outbox. */
export interface StakeholderMessage {
  id: string;
  type: string;
  stakeholder: Stakeholder;
  requestId: string;
  time: string;
  payload: Record<string, unknown>;
}

export interface ProjectionOutcome {
  state: CaseProjection;
  messages: StakeholderMessage[];
}

const BUILDERS: Readonly<Record<Stakeholder, (input: DraftInput) => Draft[]>> = {
  ars: arsDrafts,
  cpam: cpamDrafts,
  ordre: ordreDrafts,
  collectivites: collectivitesDrafts,
};

const territoryKey = (territory: Territory): string => [...territory.departements].sort().join(',');

function remember(list: readonly Territory[], territory: Territory | undefined): Territory[] {
  if (!territory || list.some((known) => territoryKey(known) === territoryKey(territory))) return [...list];
  return [...list, territory];
}

function recordDisclosure(state: CaseProjection, stakeholder: Stakeholder, payload: Record<string, unknown>): CaseProjection {
  let next = state;
  const territory = payload['territory'] as Territory | undefined;
  if (stakeholder === 'collectivites') next = { ...next, collectivitesReach: remember(next.collectivitesReach, territory) };
  const identified = payload['identity'] !== undefined || payload['contact'] !== undefined;
  if (identified && territory) {
    const known = next.identityRecipients.some((r) => r.stakeholder === stakeholder && territoryKey(r.territory) === territoryKey(territory));
    if (!known) next = { ...next, identityRecipients: [...next.identityRecipients, { stakeholder, territory }] };
  }
  return next;
}

/**
 * Intake and matching publish on two topics, read independently: matching's answer may be read
 * before the request it answers. It then waits in the case, so stakeholders hear of a case in the
 * order it happened.
 */
const awaitsRequest = (state: CaseProjection, source: SourceEvent): boolean =>
  source.event.type.startsWith('fr.sante.guichet.matching.') && state.profile === undefined && !state.erased;

/**
 * The case after `source`, and what each stakeholder family is told about it: builders draft,
 * the disclosure policy keeps only the fields of the family's row (identity only with consent),
 * and the identity or contact it lets out is served by a call, never put in the event.
 */
export function projectCase(before: CaseProjection, source: SourceEvent, context: ProjectionContext): ProjectionOutcome {
  if (awaitsRequest(before, source)) return { state: { ...before, deferred: [...before.deferred, source] }, messages: [] };
  const outcome = projectOne(before, source, context);
  if (outcome.state.profile === undefined || outcome.state.deferred.length === 0) return outcome;
  let state: CaseProjection = { ...outcome.state, deferred: [] };
  const messages = [...outcome.messages];
  for (const waiting of outcome.state.deferred) {
    const next = projectOne(state, waiting, context);
    state = next.state;
    messages.push(...next.messages);
  }
  return { state, messages };
}

function projectOne(before: CaseProjection, source: SourceEvent, context: ProjectionContext): ProjectionOutcome {
  let state = evolve(before, source);
  const sourceEventType = sourceEventTypeOf(source.event.type);
  if (!sourceEventType) return { state, messages: [] };
  const requestId = source.event.data.requestId;
  const occurredAt = occurredAtOf(source.event);
  const messages: StakeholderMessage[] = [];
  const purposes = purposesOf(state.profile);
  for (const stakeholder of STAKEHOLDERS) {
    if (!disclosuresFor(stakeholder, sourceEventType)) continue;
    // An erasure reaches whoever received the identity, whatever the request concerned.
    if (sourceEventType !== 'request-erased' && !concerns(stakeholder, purposes)) continue;
    const allowed = allowedFields(stakeholder, sourceEventType, state.consents?.[stakeholder] === true);
    for (const draft of BUILDERS[stakeholder]({ source, sourceEventType, state, context })) {
      const envelope = { stakeholder, requestId, sourceEventId: source.id, sourceEventType, occurredAt, ...(draft.territory ? { territory: draft.territory } : {}) };
      const payload = discloseOnly({ ...draft.facts, ...envelope }, allowed);
      messages.push({
        id: nameBasedUuid(source.id, stakeholder, draft.slice ?? ''),
        type: stakeholderEventType(stakeholder, sourceEventType),
        stakeholder,
        requestId,
        time: occurredAt,
        payload: withoutPersonalData(payload, requestId),
      });
      state = recordDisclosure(state, stakeholder, payload);
    }
  }
  return { state, messages };
}
