import type { ErasureReceipt } from '@guichet/contracts';
import { allCasesOf } from './candidate-cases.js';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';

const ATTEMPTS = 3;

export interface ErasureDeps extends CommandDeps {
  /** Forgets the stored answers of the candidate's earlier calls (idempotency records hold their bodies). */
  forgetReplies(candidateId: string): Promise<void>;
  /** Destroys the keys that sealed the cases' published events: every copy of them becomes unreadable. */
  destroyDataKeys(requestIds: readonly string[]): Promise<void>;
}

/**
 * Removes every personal field of every case of the candidate, destroys the keys that sealed their
 * published events, and announces `request-erased` for each, so partners forget too. A case
 * changed concurrently is retried.
 */
export async function eraseCandidateData(deps: ErasureDeps, caller: Caller & { as: 'candidate' }): Promise<ErasureReceipt> {
  const erasedRequestIds: string[] = [];
  for (const state of await allCasesOf(deps.cases, caller.id)) {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await runCommand(deps, { caseId: state.id, caller, command: { type: 'erase' } });
      if (outcome.ok) {
        erasedRequestIds.push(state.id);
        break;
      }
      if (outcome.error.kind !== 'version-conflict' || attempt >= ATTEMPTS) throw new Error(`effacement du dossier ${state.id} impossible : ${outcome.error.kind}`);
    }
  }
  await deps.destroyDataKeys(erasedRequestIds);
  await deps.forgetReplies(caller.id);
  return { candidateId: caller.id, erasedRequestIds, erasedAt: deps.runtime.now().toISOString() };
}
