import type { InfoRequest, InfoRequestCreate } from '@guichet/contracts';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** Asks the candidate a question with a deadline; the case waits on the candidate until the answer. */
export async function requestInformation(
  deps: CommandDeps,
  caller: Caller,
  caseId: string,
  expectedVersion: number,
  request: InfoRequestCreate,
): Promise<Result<InfoRequest>> {
  const infoRequestId = deps.runtime.newId();
  const outcome = await runCommand(deps, { caseId, caller, expectedVersion, command: { type: 'request-information', data: { ...request, infoRequestId } } });
  if (!outcome.ok) return outcome;
  const created = outcome.value.state.infoRequests.find((candidate) => candidate.id === infoRequestId);
  if (!created) throw new Error('demande d’information absente après sa création');
  return { ok: true, value: created };
}
