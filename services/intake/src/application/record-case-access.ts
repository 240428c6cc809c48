import type { CaseAccessed } from '@guichet/contracts';
import type { AccessLogStore, CaseRepository } from './ports.js';

export type AccessOutcome = 'recorded' | 'unknown-case';

/**
 * An access to a case made outside intake (matching's proposals, a disclosure to a partner),
 * written to the candidate's access log under the event's id: a redelivery writes nothing more.
 * A case intake does not hold (erased since) gets no entry.
 */
export async function recordCaseAccess(deps: { cases: CaseRepository; accessLog: AccessLogStore }, eventId: string, access: CaseAccessed): Promise<AccessOutcome> {
  if ((await deps.cases.load(access.requestId)) === undefined) return 'unknown-case';
  await deps.accessLog.record({
    id: eventId,
    caseId: access.requestId,
    at: access.at,
    actorKind: access.actorKind,
    actorId: access.actorId,
    action: access.action,
    channel: access.channel,
    what: access.what,
    ...(access.actorName === undefined ? {} : { actorName: access.actorName }),
    ...(access.organisation === undefined ? {} : { organisation: access.organisation }),
  });
  return 'recorded';
}
