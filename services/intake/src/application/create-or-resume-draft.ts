import type { InstallationRequestDraft } from '@guichet/contracts';
import { applyEvents, auditRecordOf, decide, type CaseCommand, type CaseState } from '../domain/index.js';
import { actorOf, type Caller } from './caller.js';
import { outboundEvents } from './outbound-events.js';
import type { CommandDeps } from './run-command.js';
import { fail, ok, type Result } from './result.js';

export interface DraftOutcome {
  state: CaseState;
  /** False when the candidate's open draft was resumed instead. */
  created: boolean;
}

/**
 * One open draft per candidate: coming back resumes it instead of creating a second one. The
 * draft is created first, the store's unique draft slot refusing it when the candidate has one
 * open: a candidate's first call costs no lookup, a return costs the refused insert.
 */
export async function createOrResumeDraft(deps: CommandDeps, caller: Caller & { as: 'candidate' }, draft: InstallationRequestDraft): Promise<Result<DraftOutcome>> {
  const { cases, runtime, rules } = deps;
  const now = runtime.now().toISOString();
  const command: CaseCommand = { type: 'create-draft', data: { requestId: runtime.newId(), draft }, metadata: { now, actor: actorOf(caller) } };
  const decision = decide(command, undefined, rules);
  if (!decision.ok) {
    // An open draft is resumed whatever the new one would have held.
    const open = await cases.findOpenDraft(caller.id);
    return open ? ok({ state: open, created: false }) : fail({ kind: 'refused', refusal: decision.refusal });
  }
  const state = applyEvents(undefined, decision.events, now);
  if (state === undefined) throw new Error('brouillon non créé');
  const outcome = await cases.create(state, { events: outboundEvents(decision.events, runtime, now), audit: [auditRecordOf(command, undefined, state, runtime.newId())], proposalSets: [] });
  if (outcome === 'created') return ok({ state, created: true });
  // The candidate's open draft, created earlier or by a concurrent call.
  const open = await cases.findOpenDraft(caller.id);
  if (!open) throw new Error('brouillon concurrent introuvable');
  return ok({ state: open, created: false });
}
