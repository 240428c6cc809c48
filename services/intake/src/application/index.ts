export type { Caller } from './caller.js';
export type {
  AccessLogStore,
  AuditTrailReader,
  CaseChange,
  CaseRepository,
  IdempotencyClaim,
  IdempotencyStore,
  Page,
  PageRequest,
  QueueQuery,
  QueueSort,
  Runtime,
  SaveOnceOutcome,
  SaveOutcome,
  StoredReply,
} from './ports.js';
export type { Result, UseCaseError } from './result.js';
export { runCommand, type CommandDeps, type CommandBody, type CommandOutcome, type CommandRequest } from './run-command.js';
export { createOrResumeDraft, type DraftOutcome } from './create-or-resume-draft.js';
export { updateDraft } from './update-draft.js';
export { submitRequest } from './submit-request.js';
export { withdrawRequest } from './withdraw-request.js';
export { changeStatus } from './change-status.js';
export { assignReferent } from './assign-referent.js';
export { addComment } from './add-comment.js';
export { requestInformation } from './request-information.js';
export { answerInformation } from './answer-information.js';
export { acceptBundle } from './accept-bundle.js';
export { declineProposals } from './decline-proposals.js';
export { exportCandidateData, accessLogEntry } from './export-candidate-data.js';
export { currentProposalSet } from './current-proposals.js';
export { eraseCandidateData, type ErasureDeps } from './erase-candidate-data.js';
export { purgeClosedCases, type PurgeDeps } from './purge-closed-cases.js';
export { listQueue, type QueueFilters } from './list-queue.js';
export { caseStatistics } from './compute-statistics.js';
export { listMyRequests } from './list-my-requests.js';
export { getCase, type ReadDeps } from './get-case.js';
export { readAuditTrail } from './read-audit-trail.js';
export { readAccessLog } from './read-access-log.js';
export { recordCaseAccesses, type AccessOutcome, type ReportedAccess } from './record-case-access.js';
export { recordProposals, applyMatchingEvent, type EventOutcome } from './record-proposals.js';
export { recordReservationConfirmed, recordReservationRejected } from './record-reservation.js';
