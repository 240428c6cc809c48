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
 * The case if this caller may see it. A caseworker's reading is written to the access log
 * before the case is returned: no reading goes unrecorded.
 */
export async function getCase(deps: ReadDeps, caller: Caller, caseId: string): Promise<Result<CaseState>> {
  const found = reachable(await deps.cases.load(caseId), caller);
  if (found.ok && caller.as === 'caseworker') {
    await deps.accessLog.record({
      id: deps.runtime.newId(),
      caseId,
      at: deps.runtime.now(),
      actorKind: caller.kind,
      actorId: caller.id,
      actorName: caller.name,
      action: 'read',
      ...(caller.organisation === undefined ? {} : { organisation: caller.organisation }),
    });
  }
  return found;
}
