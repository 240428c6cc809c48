import type { AssignReferent } from '@guichet/contracts';
import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** The case has a single referent: assigning one replaces the previous. */
export async function assignReferent(deps: CommandDeps, caller: Caller, caseId: string, expectedVersion: number, assignment: AssignReferent): Promise<Result<CaseState>> {
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'assign-referent', data: assignment } });
  return outcome.ok ? { ok: true, value: outcome.value.state } : outcome;
}
