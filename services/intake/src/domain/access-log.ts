import type { AccessLogEntry } from '@guichet/contracts';
import { organisationName } from '@guichet/territory';
import type { CaseCommandType } from './case-commands.js';
import type { ScopeClaims } from './case-access.js';

export type AccessAction = AccessLogEntry['action'];

/** One access of someone other than the candidate to a case, shown to the candidate. */
export interface AccessRecord {
  id: string;
  caseId: string;
  at: string;
  actorKind: AccessLogEntry['actorKind'];
  actorId: string;
  actorName?: string;
  organisation?: string;
  action: AccessAction;
  /** Where it happened, for accesses made outside intake (matching's API, a partner's stream or webhook). */
  channel?: NonNullable<AccessLogEntry['channel']>;
  /** What was read or sent, in French. */
  what?: string;
}

const ACTION_OF_COMMAND: Partial<Record<CaseCommandType, AccessAction>> = {
  'change-status': 'status-change',
  'add-comment': 'comment',
  'assign-referent': 'assign',
  'request-information': 'update',
};

/** How a caseworker's command shows in the candidate's access log. */
export const accessActionOf = (command: CaseCommandType): AccessAction | undefined => ACTION_OF_COMMAND[command];

/**
 * « ARS Centre-Val de Loire », « CPAM Indre-et-Loire »: the body the caseworker acts for, named as
 * matching and notifications name it in the same access log.
 */
export function organisationOf(kind: AccessLogEntry['actorKind'], claims: ScopeClaims): string | undefined {
  if (kind === 'caseworker-ars') return organisationName('ARS', claims, 'region');
  if (kind === 'caseworker-cpam') return organisationName('CPAM', claims);
  return undefined;
}
