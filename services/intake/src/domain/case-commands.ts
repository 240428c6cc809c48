import type {
  Actor,
  AssignReferent,
  BundleAcceptance,
  InfoRequestCreate,
  InstallationRequestDraft,
  ProposalsComputed,
  ProposalsDecline,
  ReservationConfirmed,
  ReservationRejected,
  StatusChange,
} from '@guichet/contracts';

/** Who acts and when: inputs of every decision, never read from a clock inside the domain. */
export interface CommandMetadata {
  now: string;
  actor: Actor & { id: string };
  /** An agent's display name as the token gave it; never a candidate's (see auditRecordOf). */
  actorName?: string;
}

type Command<T extends string, D = undefined> = D extends undefined
  ? { type: T; metadata: CommandMetadata }
  : { type: T; data: D; metadata: CommandMetadata };

export type CaseCommand =
  | Command<'create-draft', { requestId: string; draft: InstallationRequestDraft }>
  | Command<'update-request', { draft: InstallationRequestDraft }>
  | Command<'submit'>
  | Command<'withdraw', { reason?: string }>
  | Command<'change-status', StatusChange>
  | Command<'assign-referent', AssignReferent>
  | Command<'add-comment', { commentId: string; text: string; authorName?: string }>
  | Command<'request-information', InfoRequestCreate & { infoRequestId: string }>
  | Command<'answer-information', { infoRequestId: string; answer: string }>
  | Command<'accept-bundle', BundleAcceptance>
  | Command<'decline-proposals', ProposalsDecline>
  | Command<'record-proposals', ProposalsComputed>
  | Command<'record-reservation-confirmed', ReservationConfirmed>
  | Command<'record-reservation-rejected', ReservationRejected>
  | Command<'erase'>;

export type CaseCommandType = CaseCommand['type'];
