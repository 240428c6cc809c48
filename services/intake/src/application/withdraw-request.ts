import type { Withdrawal } from '@guichet/contracts';
import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

export async function withdrawRequest(deps: CommandDeps, caller: Caller, caseId: string, expectedVersion: number, withdrawal: Withdrawal): Promise<Result<CaseState>> {
  const data = withdrawal.reason === undefined ? {} : { reason: withdrawal.reason };
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'withdraw', data } });
  return outcome.ok ? { ok: true, value: outcome.value.state } : outcome;
}
