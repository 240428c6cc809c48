import type { CaseStatus, FieldError, InfoRequest, RegionCode, Territory } from '@guichet/contracts';
import type { CaseCommand, CommandMetadata } from './case-commands.js';
import { INTAKE_EVENTS, type CaseEvent, type PublishedEvent } from './case-events.js';
import { currentProposals, EMPTY_TERRITORY, openInfoRequest, type ActorKind, type CaseState, type ProposalSummary } from './case-state.js';
import { endOfDay, publicNextStep, type StatusTargets } from './deadlines.js';
import { placeInDeskTerritory, type PlaceLookup } from './desk-territory.js';
import { diffFields } from './diff.js';
import { checkTransition, isTerminal, STATUS_LABELS, type ActorKind as LifecycleActor } from './lifecycle.js';
import { checkCompleteness, dayOf, domainErrors } from './request-checks.js';

/** Reference data and desk settings a decision reads; pure functions and values only. */
export interface DecisionRules {
  places: PlaceLookup;
  deskRegions: readonly string[];
  targets: StatusTargets;
}

export type RefusalCode =
  | 'not-found'
  | 'already-exists'
  | 'transition-not-allowed'
  | 'actor-not-allowed'
  | 'reason-required'
  | 'invalid'
  | 'incomplete'
  | 'outside-desk-territory'
  | 'not-editable'
  | 'stale-proposals'
  | 'unknown-bundle'
  | 'no-open-info-request'
  | 'use-information-request';

export interface Refusal {
  code: RefusalCode;
  detail: string;
  errors?: FieldError[];
}

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; refusal: Refusal };

const accept = (...events: CaseEvent[]): Decision => ({ ok: true, events });
const refuse = (code: RefusalCode, detail: string, errors?: FieldError[]): Decision => ({
  ok: false,
  refusal: errors === undefined ? { code, detail } : { code, detail, errors },
});

const LIFECYCLE_ACTOR: Partial<Record<ActorKind, LifecycleActor>> = {
  candidate: 'candidate',
  'caseworker-ars': 'caseworker',
  'caseworker-cpam': 'caseworker',
  system: 'system',
};

/** Once submitted, the candidate changes the request only when the desk asked for information; it must stay complete. */
const EDITABLE_AFTER_SUBMISSION: ReadonlySet<CaseStatus> = new Set(['awaiting_candidate']);
/** Statuses in which proposals from matching are kept; only the first three move the case to proposals_ready. */
const TAKES_PROPOSALS: ReadonlySet<CaseStatus> = new Set(['submitted', 'under_review', 'awaiting_candidate', 'proposals_ready', 'accepted']);
const MOVES_TO_PROPOSALS: ReadonlySet<CaseStatus> = new Set(['submitted', 'under_review', 'awaiting_candidate']);

function transition(state: CaseState, to: CaseStatus, metadata: CommandMetadata, reason: string | undefined): Refusal | undefined {
  const actor = LIFECYCLE_ACTOR[metadata.actor.kind];
  if (actor === undefined) return { code: 'actor-not-allowed', detail: 'Votre rôle ne permet pas de modifier le statut d’un dossier.' };
  const decision = checkTransition(state.status, to, actor, reason);
  return decision.ok ? undefined : decision.refusal;
}

function statusChanged(
  state: CaseState,
  to: CaseStatus,
  { now, actor }: CommandMetadata,
  rules: DecisionRules,
  extra: { reason?: string; infoRequest?: InfoRequest } = {},
): PublishedEvent {
  const ownDeadline = extra.infoRequest ? endOfDay(extra.infoRequest.dueDate) : undefined;
  const nextStep = publicNextStep({ status: to, at: now }, now, rules.targets, ownDeadline);
  return {
    type: INTAKE_EVENTS.statusChanged,
    data: {
      requestId: state.id,
      candidateId: state.candidateId,
      version: state.version + 1,
      from: state.status,
      to,
      actor,
      changedAt: now,
      territory: state.territory ?? EMPTY_TERRITORY,
      ...(extra.reason === undefined ? {} : { reason: extra.reason }),
      ...(nextStep === undefined ? {} : { nextStep }),
      ...(extra.infoRequest === undefined
        ? {}
        : { infoRequest: { id: extra.infoRequest.id, question: extra.infoRequest.question, dueDate: extra.infoRequest.dueDate } }),
    },
  };
}

function territoryOf(draft: CaseState['data'], rules: DecisionRules): { ok: true; territory: Territory } | { ok: false; refusal: Refusal } {
  const placed = placeInDeskTerritory(
    { communes: draft.targets?.communes ?? [], departements: draft.targets?.departements ?? [] },
    rules.deskRegions,
    rules.places,
    (insee) => rules.places.departementOfCommune(insee),
  );
  if (!placed.ok) return { ok: false, refusal: { code: 'outside-desk-territory', detail: placed.detail, errors: [{ field: 'targets', detail: placed.detail }] } };
  const { regions, departements, communes } = placed.territory;
  // Region codes come from the communes reference, whose codes are the contract's.
  return { ok: true, territory: { regions: regions as RegionCode[], departements, ...(communes.length > 0 ? { communes } : {}) } };
}

function decideCreate(command: Extract<CaseCommand, { type: 'create-draft' }>, rules: DecisionRules): Decision {
  const { now, actor } = command.metadata;
  if (actor.kind !== 'candidate') return refuse('actor-not-allowed', 'Seul un candidat peut créer une demande d’installation.');
  const errors = domainErrors(command.data.draft, now, rules.places);
  if (errors.length > 0) return refuse('invalid', 'Certaines informations du brouillon sont incohérentes.', errors);
  return accept({ type: 'draft-created', data: { requestId: command.data.requestId, candidateId: actor.id, createdAt: now, draft: command.data.draft } });
}

function decideUpdate(command: Extract<CaseCommand, { type: 'update-request' }>, state: CaseState, rules: DecisionRules): Decision {
  const { now, actor } = command.metadata;
  if (actor.kind !== 'candidate') return refuse('actor-not-allowed', 'Seul le candidat peut modifier sa demande.');
  const { draft } = command.data;
  const changedFields = [...new Set(diffFields(state.data, draft).map((change) => change.field))];
  if (state.status === 'draft') {
    const errors = domainErrors(draft, now, rules.places);
    if (errors.length > 0) return refuse('invalid', 'Certaines informations du brouillon sont incohérentes.', errors);
    if (changedFields.length === 0) return accept();
    return accept({ type: 'draft-updated', data: { requestId: state.id, updatedAt: now, draft, changedFields } });
  }
  if (!EDITABLE_AFTER_SUBMISSION.has(state.status)) {
    return refuse('not-editable', `Une demande « ${STATUS_LABELS[state.status]} » ne peut plus être modifiée.`);
  }
  const complete = checkCompleteness(draft, now, rules.places);
  if (!complete.ok) return refuse('incomplete', complete.detail.replace('ne peut pas être déposée', 'déposée doit rester complète'), complete.errors);
  const placed = territoryOf(draft, rules);
  if (!placed.ok) return { ok: false, refusal: placed.refusal };
  if (changedFields.length === 0) return accept();
  return accept({
    type: INTAKE_EVENTS.updated,
    data: {
      requestId: state.id,
      candidateId: state.candidateId,
      version: state.version + 1,
      updatedAt: now,
      territory: placed.territory,
      changedFields: changedFields.slice(0, 100),
      request: complete.request,
    },
  });
}

function decideSubmit(command: Extract<CaseCommand, { type: 'submit' }>, state: CaseState, rules: DecisionRules): Decision {
  const refusal = transition(state, 'submitted', command.metadata, undefined);
  if (refusal) return { ok: false, refusal };
  const { now } = command.metadata;
  const complete = checkCompleteness(state.data, now, rules.places);
  if (!complete.ok) return refuse('incomplete', complete.detail, complete.errors);
  const placed = territoryOf(state.data, rules);
  if (!placed.ok) return { ok: false, refusal: placed.refusal };
  return accept({
    type: INTAKE_EVENTS.submitted,
    data: {
      requestId: state.id,
      candidateId: state.candidateId,
      version: state.version + 1,
      submittedAt: now,
      territory: placed.territory,
      request: complete.request,
    },
  });
}

function decideWithdraw(command: Extract<CaseCommand, { type: 'withdraw' }>, state: CaseState): Decision {
  const { reason } = command.data;
  const refusal = transition(state, 'withdrawn', command.metadata, reason);
  if (refusal) return { ok: false, refusal };
  const { now } = command.metadata;
  // Partners never heard of a draft: its withdrawal stays inside the desk.
  if (state.status === 'draft') return accept({ type: 'draft-withdrawn', data: { requestId: state.id, withdrawnAt: now } });
  return accept({
    type: INTAKE_EVENTS.withdrawn,
    data: {
      requestId: state.id,
      candidateId: state.candidateId,
      version: state.version + 1,
      withdrawnAt: now,
      territory: state.territory ?? EMPTY_TERRITORY,
      ...(reason === undefined ? {} : { reason }),
    },
  });
}

function decideChangeStatus(command: Extract<CaseCommand, { type: 'change-status' }>, state: CaseState, rules: DecisionRules): Decision {
  const { to, reason } = command.data;
  const refusal = transition(state, to, command.metadata, reason);
  if (refusal) return { ok: false, refusal };
  if (to === 'awaiting_candidate') {
    return refuse('use-information-request', 'Pour mettre le dossier en attente du candidat, envoyez-lui une demande d’information avec une question et une échéance.');
  }
  return accept(statusChanged(state, to, command.metadata, rules, { reason }));
}

function decideAssign(command: Extract<CaseCommand, { type: 'assign-referent' }>, state: CaseState): Decision {
  const { actor, now } = command.metadata;
  if (LIFECYCLE_ACTOR[actor.kind] !== 'caseworker') return refuse('actor-not-allowed', 'Seul un agent du guichet peut désigner le référent.');
  if (isTerminal(state.status)) return refuse('not-editable', `Un dossier « ${STATUS_LABELS[state.status]} » ne change plus de référent.`);
  const { referentId, displayName } = command.data;
  if (state.referent?.id === referentId && state.referent.displayName === displayName) return accept();
  const organisation = actor.kind === 'caseworker-cpam' ? 'cpam' : 'ars';
  return accept({
    type: 'referent-assigned',
    data: { requestId: state.id, assignedAt: now, referent: { id: referentId, organisation, ...(displayName === undefined ? {} : { displayName }) } },
  });
}

function decideComment(command: Extract<CaseCommand, { type: 'add-comment' }>, state: CaseState): Decision {
  const { actor, now } = command.metadata;
  if (LIFECYCLE_ACTOR[actor.kind] !== 'caseworker') return refuse('actor-not-allowed', 'Seul un agent du guichet peut commenter un dossier.');
  const { commentId, text, authorName } = command.data;
  return accept({
    type: 'comment-added',
    data: {
      requestId: state.id,
      comment: { id: commentId, authorId: actor.id, authorRole: actor.kind, text, createdAt: now, ...(authorName === undefined ? {} : { authorName }) },
    },
  });
}

function decideRequestInformation(command: Extract<CaseCommand, { type: 'request-information' }>, state: CaseState, rules: DecisionRules): Decision {
  const { infoRequestId, question, fields, dueDate } = command.data;
  const refusal = transition(state, 'awaiting_candidate', command.metadata, question);
  if (refusal) return { ok: false, refusal };
  const { now, actor } = command.metadata;
  if (dueDate < dayOf(now)) {
    return refuse('invalid', 'L’échéance de la demande d’information est déjà passée.', [{ field: 'dueDate', detail: 'l’échéance doit être aujourd’hui ou plus tard' }]);
  }
  const infoRequest: InfoRequest = {
    id: infoRequestId,
    question,
    dueDate,
    status: 'open',
    requestedBy: actor.id,
    requestedAt: now,
    ...(fields === undefined ? {} : { fields }),
  };
  return accept(
    { type: 'information-requested', data: { requestId: state.id, infoRequest } },
    statusChanged(state, 'awaiting_candidate', command.metadata, rules, { reason: question, infoRequest }),
  );
}

function decideAnswer(command: Extract<CaseCommand, { type: 'answer-information' }>, state: CaseState, rules: DecisionRules): Decision {
  const { infoRequestId, answer } = command.data;
  const { actor, now } = command.metadata;
  if (actor.kind !== 'candidate') return refuse('actor-not-allowed', 'Seul le candidat répond aux demandes d’information.');
  const open = openInfoRequest(state);
  if (open === undefined || open.id !== infoRequestId) {
    return refuse('no-open-info-request', 'Cette demande d’information n’attend plus de réponse.');
  }
  const answered: CaseEvent = { type: 'information-answered', data: { requestId: state.id, infoRequestId, answer, answeredAt: now } };
  if (state.status !== 'awaiting_candidate') return accept(answered);
  const refusal = transition(state, 'under_review', command.metadata, undefined);
  if (refusal) return { ok: false, refusal };
  return accept(answered, statusChanged(state, 'under_review', command.metadata, rules, { reason: 'Réponse du candidat à la demande d’information' }));
}

function proposalsToActOn(state: CaseState, proposalSetId: string): { ok: true; set: ProposalSummary } | { ok: false; refusal: Refusal } {
  const set = currentProposals(state);
  if (state.status !== 'proposals_ready' || set === undefined) {
    return { ok: false, refusal: { code: 'transition-not-allowed', detail: `Un dossier « ${STATUS_LABELS[state.status]} » n’a pas de propositions en attente de réponse.` } };
  }
  if (set.proposalSetId !== proposalSetId) {
    return { ok: false, refusal: { code: 'stale-proposals', detail: 'Ces propositions ont été remplacées par de plus récentes ; consultez-les avant de répondre.' } };
  }
  return { ok: true, set };
}

function decideAccept(command: Extract<CaseCommand, { type: 'accept-bundle' }>, state: CaseState): Decision {
  const { proposalSetId, bundleId } = command.data;
  const refusal = transition(state, 'accepted', command.metadata, undefined);
  if (refusal) return { ok: false, refusal };
  const current = proposalsToActOn(state, proposalSetId);
  if (!current.ok) return { ok: false, refusal: current.refusal };
  const bundle = current.set.bundles.find((candidate) => candidate.id === bundleId);
  if (bundle === undefined) return refuse('unknown-bundle', 'Cette proposition ne fait pas partie des propositions reçues.', [{ field: 'bundleId', detail: 'proposition inconnue' }]);
  const { offerIds } = bundle;
  return accept({
    type: INTAKE_EVENTS.bundleAccepted,
    data: {
      requestId: state.id,
      candidateId: state.candidateId,
      version: state.version + 1,
      proposalSetId,
      bundleId,
      offerIds,
      acceptedAt: command.metadata.now,
      territory: state.territory ?? EMPTY_TERRITORY,
    },
  });
}

function decideDecline(command: Extract<CaseCommand, { type: 'decline-proposals' }>, state: CaseState): Decision {
  const { proposalSetId, reason } = command.data;
  const refusal = transition(state, 'under_review', command.metadata, reason);
  if (refusal) return { ok: false, refusal };
  const current = proposalsToActOn(state, proposalSetId);
  if (!current.ok) return { ok: false, refusal: current.refusal };
  return accept({
    type: INTAKE_EVENTS.proposalsDeclined,
    data: {
      requestId: state.id,
      candidateId: state.candidateId,
      version: state.version + 1,
      proposalSetId,
      reason,
      declinedAt: command.metadata.now,
      territory: state.territory ?? EMPTY_TERRITORY,
    },
  });
}

type SetOrder = Pick<ProposalSummary, 'proposalSetId' | 'computedAt'>;

/** A set is newer when computed later; ids break ties so every replica orders sets the same way. */
function isNewer(candidate: SetOrder, than: SetOrder | undefined): boolean {
  if (than === undefined) return true;
  if (candidate.computedAt !== than.computedAt) return Date.parse(candidate.computedAt) > Date.parse(than.computedAt);
  return candidate.proposalSetId > than.proposalSetId;
}

function decideRecordProposals(command: Extract<CaseCommand, { type: 'record-proposals' }>, state: CaseState, rules: DecisionRules): Decision {
  const set = command.data;
  // Duplicates and sets older than the one held change nothing: an older set never replaces a newer one.
  if (!TAKES_PROPOSALS.has(state.status) || state.proposals.some((held) => held.proposalSetId === set.proposalSetId)) return accept();
  if (!isNewer(set, currentProposals(state))) return accept();
  const received: CaseEvent = { type: 'proposals-received', data: set };
  if (!MOVES_TO_PROPOSALS.has(state.status)) return accept(received);
  return accept(received, statusChanged(state, 'proposals_ready', command.metadata, rules));
}

function pendingReservation(state: CaseState, proposalSetId: string, bundleId: string): boolean {
  const { acceptance } = state;
  return state.status === 'accepted' && acceptance?.outcome === 'pending' && acceptance.proposalSetId === proposalSetId && acceptance.bundleId === bundleId;
}

function decideReservationConfirmed(command: Extract<CaseCommand, { type: 'record-reservation-confirmed' }>, state: CaseState, rules: DecisionRules): Decision {
  if (!pendingReservation(state, command.data.proposalSetId, command.data.bundleId)) return accept();
  return accept(
    { type: 'reservation-confirmed', data: command.data },
    statusChanged(state, 'in_progress', command.metadata, rules, { reason: 'Toutes les offres de la proposition acceptée sont réservées.' }),
  );
}

function decideReservationRejected(command: Extract<CaseCommand, { type: 'record-reservation-rejected' }>, state: CaseState, rules: DecisionRules): Decision {
  if (!pendingReservation(state, command.data.proposalSetId, command.data.bundleId)) return accept();
  return accept(
    { type: 'reservation-rejected', data: command.data },
    statusChanged(state, 'proposals_ready', command.metadata, rules, { reason: command.data.reason }),
  );
}

function decideErase(command: Extract<CaseCommand, { type: 'erase' }>, state: CaseState): Decision {
  // The desk itself erases a closed case once its retention is over (the age is the purge's to judge).
  const purge = command.metadata.actor.kind === 'system' && isTerminal(state.status);
  if (command.metadata.actor.kind !== 'candidate' && !purge) return refuse('actor-not-allowed', 'Seul le candidat peut demander l’effacement de ses données.');
  return accept({ type: INTAKE_EVENTS.erased, data: { requestId: state.id, erasedAt: command.metadata.now } });
}

/**
 * The case decider: what happens when `command` meets the case as it is. `state` is undefined for
 * a case that does not exist yet. Returns the events to store and publish, or why it is refused.
 */
export function decide(command: CaseCommand, state: CaseState | undefined, rules: DecisionRules): Decision {
  if (command.type === 'create-draft') {
    return state === undefined ? decideCreate(command, rules) : refuse('already-exists', 'Cette demande existe déjà.');
  }
  if (state === undefined || state.erasedAt !== undefined) {
    return command.type.startsWith('record-') ? accept() : refuse('not-found', 'Cette demande n’existe pas ou a été effacée.');
  }
  switch (command.type) {
    case 'update-request':
      return decideUpdate(command, state, rules);
    case 'submit':
      return decideSubmit(command, state, rules);
    case 'withdraw':
      return decideWithdraw(command, state);
    case 'change-status':
      return decideChangeStatus(command, state, rules);
    case 'assign-referent':
      return decideAssign(command, state);
    case 'add-comment':
      return decideComment(command, state);
    case 'request-information':
      return decideRequestInformation(command, state, rules);
    case 'answer-information':
      return decideAnswer(command, state, rules);
    case 'accept-bundle':
      return decideAccept(command, state);
    case 'decline-proposals':
      return decideDecline(command, state);
    case 'record-proposals':
      return decideRecordProposals(command, state, rules);
    case 'record-reservation-confirmed':
      return decideReservationConfirmed(command, state, rules);
    case 'record-reservation-rejected':
      return decideReservationRejected(command, state, rules);
    case 'erase':
      return decideErase(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`commande inconnue : ${JSON.stringify(unhandled)}`);
    }
  }
}
