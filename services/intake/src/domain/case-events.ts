import type {
  Comment,
  EventOnTopic,
  InfoRequest,
  InstallationRequestDraft,
  ProposalsComputed,
  Referent,
  ReservationConfirmed,
  ReservationRejected,
} from '@guichet/contracts';

/** CloudEvents types of what intake publishes on `intake.requests.v1`. */
export const INTAKE_EVENTS = {
  submitted: 'fr.sante.guichet.intake.request-submitted.v1',
  updated: 'fr.sante.guichet.intake.request-updated.v1',
  statusChanged: 'fr.sante.guichet.intake.request-status-changed.v1',
  bundleAccepted: 'fr.sante.guichet.intake.bundle-accepted.v1',
  proposalsDeclined: 'fr.sante.guichet.intake.proposals-declined.v1',
  withdrawn: 'fr.sante.guichet.intake.request-withdrawn.v1',
  erased: 'fr.sante.guichet.intake.request-erased.v1',
} as const;

/** Facts partners hear about: their payloads are the contract's, published through the outbox. */
export type PublishedEvent = EventOnTopic<'intake.requests.v1'>;

/** Facts that change the case but stay inside the desk (drafts, internal work, what matching told us). */
export type InternalEvent =
  | { type: 'draft-created'; data: { requestId: string; candidateId: string; createdAt: string; draft: InstallationRequestDraft } }
  | { type: 'draft-updated'; data: { requestId: string; updatedAt: string; draft: InstallationRequestDraft; changedFields: string[] } }
  | { type: 'draft-withdrawn'; data: { requestId: string; withdrawnAt: string } }
  | { type: 'referent-assigned'; data: { requestId: string; referent: Referent; assignedAt: string } }
  | { type: 'comment-added'; data: { requestId: string; comment: Comment } }
  | { type: 'information-requested'; data: { requestId: string; infoRequest: InfoRequest } }
  | { type: 'information-answered'; data: { requestId: string; infoRequestId: string; answer: string; answeredAt: string } }
  | { type: 'proposals-received'; data: ProposalsComputed }
  | { type: 'reservation-confirmed'; data: ReservationConfirmed }
  | { type: 'reservation-rejected'; data: ReservationRejected };

export type CaseEvent = PublishedEvent | InternalEvent;

const PUBLISHED: ReadonlySet<string> = new Set(Object.values(INTAKE_EVENTS));

export const isPublished = (event: CaseEvent): event is PublishedEvent => PUBLISHED.has(event.type);
