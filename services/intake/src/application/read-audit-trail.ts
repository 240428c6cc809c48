import type { AuditRecord } from '../domain/index.js';
import type { Caller } from './caller.js';
import { getCase, type ReadDeps } from './get-case.js';
import type { AuditTrailReader } from './ports.js';
import type { Result } from './result.js';

/** The whole trail of a case the caller may reach; reading it is itself an access. */
export async function readAuditTrail(deps: ReadDeps & { audit: AuditTrailReader }, caller: Caller, caseId: string): Promise<Result<AuditRecord[]>> {
  const found = await getCase(deps, caller, caseId);
  if (!found.ok) return found;
  return { ok: true, value: await deps.audit.trail(caseId) };
}
