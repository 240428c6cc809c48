import type { ProposalsComputed } from '@guichet/contracts';
import { runCommand, type CommandDeps, type CommandBody } from './run-command.js';

export type EventOutcome = 'applied' | 'unchanged' | 'unknown-case';

const ATTEMPTS = 5;
export const MATCHING: { as: 'system'; id: string } = { as: 'system', id: 'matching' };

/**
 * Applies an event from matching to its case, once: the event id is recorded in the same write,
 * and a concurrent change of the case is retried on the fresh state.
 */
export async function applyMatchingEvent(deps: CommandDeps, eventId: string, caseId: string, command: CommandBody): Promise<EventOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await runCommand(deps, { caseId, caller: MATCHING, command, eventId });
    if (outcome.ok) return outcome.value.changed ? 'applied' : 'unchanged';
    if (outcome.error.kind === 'not-found') return 'unknown-case';
    if (outcome.error.kind !== 'version-conflict' || attempt >= ATTEMPTS) {
      throw new Error(`événement ${eventId} non appliqué au dossier ${caseId} : ${outcome.error.kind}`);
    }
  }
}

/** Proposals arrive on the case; an older set never replaces a newer one. */
export function recordProposals(deps: CommandDeps, eventId: string, set: ProposalsComputed): Promise<EventOutcome> {
  return applyMatchingEvent(deps, eventId, set.requestId, { type: 'record-proposals', data: set });
}
