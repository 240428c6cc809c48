import type { AccessLogEntry, CandidateDataExport } from '@guichet/contracts';
import { requestView, type AccessRecord, type StatusTargets } from '../domain/index.js';
import { allCasesOf } from './candidate-cases.js';
import type { Caller } from './caller.js';
import type { AccessLogStore, CaseRepository, Runtime } from './ports.js';

export function accessLogEntry(record: AccessRecord): AccessLogEntry {
  return {
    at: record.at,
    actorKind: record.actorKind,
    action: record.action,
    ...(record.actorName === undefined ? {} : { actorName: record.actorName }),
    ...(record.organisation === undefined ? {} : { organisation: record.organisation }),
    ...(record.channel === undefined ? {} : { channel: record.channel }),
    ...(record.what === undefined ? {} : { what: record.what }),
  };
}

/** Everything the desk holds about the candidate (right of access and portability). */
export async function exportCandidateData(
  deps: { cases: CaseRepository; accessLog: AccessLogStore; runtime: Runtime; targets: StatusTargets },
  caller: Caller & { as: 'candidate' },
): Promise<CandidateDataExport> {
  const now = deps.runtime.now().toISOString();
  const cases = await allCasesOf(deps.cases, caller.id);
  const accesses = await deps.accessLog.list(cases.map((state) => state.id));
  const proposals = await Promise.all(cases.map((state) => deps.cases.proposalSets(state.id, state.proposals.map((set) => set.proposalSetId))));
  return {
    candidateId: caller.id,
    exportedAt: now,
    requests: cases.map((state) => requestView(state, now, deps.targets)),
    infoRequests: cases.flatMap((state) => state.infoRequests),
    proposals: proposals.flat(),
    accessLog: accesses.map(accessLogEntry),
  };
}
