import type { InstallationRequestDraft } from '@guichet/contracts';
import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** Replaces the request's data: a draft at any time, a submitted request when the desk asked for information. */
export async function updateDraft(
  deps: CommandDeps,
  caller: Caller,
  caseId: string,
  expectedVersion: number,
  draft: InstallationRequestDraft,
): Promise<Result<CaseState>> {
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'update-request', data: { draft } } });
  return outcome.ok ? { ok: true, value: outcome.value.state } : outcome;
}
