import type { BundleAcceptance } from '@guichet/contracts';
import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** The candidate accepts one bundle of the current proposals; matching then reserves its offers. */
export async function acceptBundle(deps: CommandDeps, caller: Caller, caseId: string, expectedVersion: number, acceptance: BundleAcceptance): Promise<Result<CaseState>> {
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'accept-bundle', data: acceptance } });
  return outcome.ok ? { ok: true, value: outcome.value.state } : outcome;
}
