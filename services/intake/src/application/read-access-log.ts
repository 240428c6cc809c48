import type { AccessRecord } from '../domain/index.js';
import { reachable, type Caller } from './caller.js';
import type { AccessLogStore, CaseRepository } from './ports.js';
import type { Result } from './result.js';

/** Who accessed the candidate's case, and when. */
export async function readAccessLog(deps: { cases: CaseRepository; accessLog: AccessLogStore }, caller: Caller, caseId: string): Promise<Result<AccessRecord[]>> {
  const found = reachable(await deps.cases.load(caseId), caller);
  if (!found.ok) return found;
  return { ok: true, value: await deps.accessLog.list([caseId]) };
}
