import type { StatusChange } from '@guichet/contracts';
import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** A caseworker moves the case along the lifecycle, with a reason; anything else is a 409 with its French reason. */
export async function changeStatus(deps: CommandDeps, caller: Caller, caseId: string, expectedVersion: number, change: StatusChange): Promise<Result<CaseState>> {
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'change-status', data: change } });
  return outcome.ok ? { ok: true, value: outcome.value.state } : outcome;
}
