import { accessActionOf, applyEvents, auditRecordOf, decide, type CaseCommand, type CaseState, type DecisionRules } from '../domain/index.js';
import { actorOf, reachable, type Caller } from './caller.js';
import { outboundEvents } from './outbound-events.js';
import type { AccessLogStore, CaseChange, CaseRepository, Runtime } from './ports.js';
import { fail, LOST_RACE, ok, type Result } from './result.js';

export interface CommandDeps {
  cases: CaseRepository;
  accessLog: AccessLogStore;
  rules: DecisionRules;
  runtime: Runtime;
}

type WithoutMetadata<C> = C extends CaseCommand ? Omit<C, 'metadata'> : never;
export type CommandBody = WithoutMetadata<CaseCommand>;

export interface CommandRequest {
  caseId: string;
  caller: Caller;
  command: CommandBody;
  /** The version the caller read (If-Match); a different stored version is a conflict. */
  expectedVersion?: number;
  /** For commands caused by an event: the id recorded so that a redelivery changes nothing. */
  eventId?: string;
}

export interface CommandOutcome {
  state: CaseState;
  /** False when the decision had nothing to change (a duplicate, an older proposal set). */
  changed: boolean;
}

/**
 * Load, check access and version, decide, fold, then one conditional write carrying the new
 * state, its outbox events and its audit entry. Caseworkers' actions also go to the access log
 * the candidate reads.
 *
 * The first attempt starts from the revision this process last read or wrote of the case, without
 * reading it: a write succeeds only if no other followed that revision, so a saved change was
 * decided on the latest state. Any other outcome may come from a revision passed since (in another
 * instance): it is decided again on the case as stored.
 */
export async function runCommand(deps: CommandDeps, request: CommandRequest): Promise<Result<CommandOutcome>> {
  const recalled = deps.cases.recall(request.caseId);
  if (recalled !== undefined) {
    const outcome = await attempt(deps, request, recalled);
    if (outcome.ok && outcome.value.changed) return outcome;
  }
  return attempt(deps, request, await deps.cases.load(request.caseId));
}

async function attempt(deps: CommandDeps, request: CommandRequest, stored: CaseState | undefined): Promise<Result<CommandOutcome>> {
  const { cases, runtime, rules } = deps;
  const found = reachable(stored, request.caller);
  if (!found.ok) return found;
  const before = found.value;
  if (request.expectedVersion !== undefined && request.expectedVersion !== before.version) return fail(LOST_RACE(before.version));
  const now = runtime.now().toISOString();
  const actorName = request.caller.as === 'caseworker' ? request.caller.displayName : undefined;
  const command = { ...request.command, metadata: { now, actor: actorOf(request.caller), ...(actorName === undefined ? {} : { actorName }) } } as CaseCommand;
  const decision = decide(command, before, rules);
  if (!decision.ok) return fail({ kind: 'refused', refusal: decision.refusal });
  const after = applyEvents(before, decision.events, now);
  if (after === undefined || after === before) return ok({ state: before, changed: false });
  const change: CaseChange = {
    events: outboundEvents(decision.events, runtime, now),
    audit: [auditRecordOf(command, before, after, runtime.newId())],
    proposalSets: decision.events.flatMap((event) => (event.type === 'proposals-received' ? [event.data] : [])),
  };
  const outcome =
    request.eventId === undefined ? await cases.save(after, before.version, change) : await cases.saveOnce(request.eventId, after, before.version, change);
  if (outcome === 'duplicate') return ok({ state: before, changed: false });
  if (outcome === 'conflict') return fail(LOST_RACE(before.version));
  await recordCaseworkerAccess(deps, request.caller, after.id, command.type, now);
  return ok({ state: after, changed: true });
}

async function recordCaseworkerAccess(deps: CommandDeps, caller: Caller, caseId: string, type: CaseCommand['type'], at: string): Promise<void> {
  const action = accessActionOf(type);
  if (caller.as !== 'caseworker' || action === undefined) return;
  await deps.accessLog.record({
    id: deps.runtime.newId(),
    caseId,
    at,
    actorKind: caller.kind,
    actorId: caller.id,
    actorName: caller.name,
    action,
    ...(caller.organisation === undefined ? {} : { organisation: caller.organisation }),
  });
}
