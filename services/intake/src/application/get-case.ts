import type { CaseState } from '../domain/index.js';
import { reachable, type Caller } from './caller.js';
import type { AccessLogStore, CaseRepository, Runtime } from './ports.js';
import type { Result } from './result.js';

export interface ReadDeps {
  cases: CaseRepository;
  accessLog: AccessLogStore;
  runtime: Runtime;
}

/**
 * The case if this caller may see it. The reading of a caseworker or an administrator (its
 * audit trail included) is written to the candidate's access log before the case is returned: no
 * reading by anyone but the candidate goes unrecorded.
 */
export async function getCase(deps: ReadDeps, caller: Caller, caseId: string): Promise<Result<CaseState>> {
  const found = reachable(await deps.cases.load(caseId), caller);
  if (!found.ok) return found;
  const base = { id: deps.runtime.newId(), caseId, at: deps.runtime.now().toISOString(), actorId: caller.id, action: 'read' as const };
  if (caller.as === 'caseworker') {
    await deps.accessLog.record({ ...base, actorKind: caller.kind, actorName: caller.name, ...(caller.organisation === undefined ? {} : { organisation: caller.organisation }) });
  } else if (caller.as === 'admin') {
    await deps.accessLog.record({ ...base, actorKind: 'admin', organisation: 'Administration du guichet' });
  }
  return found;
}
