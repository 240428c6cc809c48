import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** Submits the request once complete; a refusal lists every missing or wrong field in French. */
export async function submitRequest(deps: CommandDeps, caller: Caller, caseId: string, expectedVersion: number): Promise<Result<CaseState>> {
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'submit' } });
  return outcome.ok ? { ok: true, value: outcome.value.state } : outcome;
}
