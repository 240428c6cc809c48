import type { Actor } from '@guichet/contracts';
import type { CaseCommand, CommandMetadata } from './case-commands.js';
import type { CaseState } from './case-state.js';
import { diffFields, type FieldChange } from './diff.js';

/** One line of a case's audit trail: who did what, when, why, and what changed. Never edited. */
export interface AuditRecord {
  id: string;
  caseId: string;
  /** The case version the command produced: orders the trail even within one millisecond. */
  version: number;
  at: string;
  actor: Actor;
  /** The agent's display name at the time, so the trail names them whoever reads it later. */
  actorName?: string;
  action: CaseCommand['type'];
  reason?: string;
  changes: FieldChange[];
}

/** The facts an auditor follows; comments and proposals appear by id, their content stays on the case. */
function audited(state: CaseState | undefined): Record<string, unknown> {
  if (state === undefined) return {};
  return {
    status: state.status,
    referent: state.referent,
    territory: state.territory,
    data: state.data,
    commentIds: state.comments.map((comment) => comment.id),
    infoRequests: Object.fromEntries(state.infoRequests.map((request) => [request.id, request.status])),
    proposalSetId: state.proposals[state.proposals.length - 1]?.proposalSetId,
    acceptance: state.acceptance,
  };
}

function reasonOf(command: CaseCommand): string | undefined {
  switch (command.type) {
    case 'change-status':
    case 'decline-proposals':
    case 'record-reservation-rejected':
      return command.data.reason;
    case 'withdraw':
      return command.data.reason;
    case 'request-information':
      return command.data.question;
    default:
      return undefined;
  }
}

/** A candidate appears by role only: the case already says whose it is, and the trail outlives erasure. */
function auditActor({ actor }: CommandMetadata): Actor {
  return actor.kind === 'candidate' ? { kind: 'candidate' } : { kind: actor.kind, id: actor.id };
}

export function auditRecordOf(command: CaseCommand, before: CaseState | undefined, after: CaseState, id: string): AuditRecord {
  const reason = reasonOf(command);
  const { actor, actorName } = command.metadata;
  // Erasure is recorded as a fact; listing the erased values would keep them.
  const changes = command.type === 'erase' ? [] : diffFields(audited(before), audited(after));
  return {
    id,
    caseId: after.id,
    version: after.version,
    at: command.metadata.now,
    actor: auditActor(command.metadata),
    ...(actorName === undefined || actor.kind === 'candidate' ? {} : { actorName }),
    action: command.type,
    changes,
    ...(reason === undefined ? {} : { reason }),
  };
}
