import type { ProposalsDecline } from '@guichet/contracts';
import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** The candidate declines every proposal, saying why; the case goes back to review. */
export async function declineProposals(deps: CommandDeps, caller: Caller, caseId: string, expectedVersion: number, decline: ProposalsDecline): Promise<Result<CaseState>> {
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'decline-proposals', data: decline } });
  return outcome.ok ? { ok: true, value: outcome.value.state } : outcome;
}
