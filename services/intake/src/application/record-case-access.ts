import type { CaseAccesses } from '@guichet/contracts';
import type { AccessLogStore, CaseRepository } from './ports.js';

export type AccessOutcome = 'recorded' | 'unknown-case';

/** An access made outside intake, as matching and notifications report it, under its own id. */
export type ReportedAccess = CaseAccesses['accesses'][number];

/**
 * Accesses to a case made outside intake (matching's proposals, disclosures to partners),
 * written to the candidate's access log each under its id, in one insert: an access reported
 * again (a record redelivered, or the same access in another record) writes nothing more.
 * A case intake does not hold (erased since) gets no entry.
 */
export async function recordCaseAccesses(deps: { cases: CaseRepository; accessLog: AccessLogStore }, caseId: string, accesses: readonly ReportedAccess[]): Promise<AccessOutcome> {
  // No case is ever deleted, erased ones included: one this process read or wrote exists, without asking the store.
  if ((deps.cases.recall(caseId) ?? (await deps.cases.load(caseId))) === undefined) return 'unknown-case';
  // Recorded in the same turn, the entries share one insert of the store's group commit.
  await Promise.all(accesses.map((access) => deps.accessLog.record({ ...access, caseId })));
  return 'recorded';
}
