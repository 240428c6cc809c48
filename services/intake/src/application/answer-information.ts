import type { InfoRequest, InfoRequestAnswer } from '@guichet/contracts';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import { fail, NOT_FOUND, ok, type Result } from './result.js';

/** The candidate answers; a case waiting on them goes back to review. */
export async function answerInformation(
  deps: CommandDeps,
  caller: Caller,
  caseId: string,
  infoRequestId: string,
  answer: InfoRequestAnswer,
): Promise<Result<InfoRequest>> {
  const outcome = await runCommand(deps, { caseId, caller, command: { type: 'answer-information', data: { infoRequestId, answer: answer.answer } } });
  if (!outcome.ok) {
    const unknown = outcome.error.kind === 'refused' && !(await infoRequestExists(deps, caseId, infoRequestId));
    return unknown ? fail(NOT_FOUND) : outcome;
  }
  const answered = outcome.value.state.infoRequests.find((candidate) => candidate.id === infoRequestId);
  return answered ? ok(answered) : fail(NOT_FOUND);
}

async function infoRequestExists(deps: CommandDeps, caseId: string, infoRequestId: string): Promise<boolean> {
  const state = await deps.cases.load(caseId);
  return state?.infoRequests.some((candidate) => candidate.id === infoRequestId) ?? false;
}
