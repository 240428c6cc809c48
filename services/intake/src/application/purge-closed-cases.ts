import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';

const DAY_MS = 86_400_000;
/** Cases erased per pass: the loop comes back at once while there are more. */
const BATCH = 100;
const DESK: Caller = { as: 'system', id: 'conservation' };

export interface PurgeDeps extends CommandDeps {
  /** Destroys the keys that sealed the cases' published events. */
  destroyDataKeys(requestIds: readonly string[]): Promise<void>;
}

/**
 * Erases the cases closed (installed, closed, withdrawn) for longer than their retention, as an
 * erasure asked by the candidate would: personal fields removed, keys destroyed, `request-erased`
 * announced so that matching, notifications and the partners forget too. Returns how many.
 */
export async function purgeClosedCases(deps: PurgeDeps, retentionDays: number): Promise<number> {
  const before = new Date(deps.runtime.now().getTime() - retentionDays * DAY_MS).toISOString();
  const purged: string[] = [];
  for (const state of await deps.cases.closedBefore(before, BATCH)) {
    const outcome = await runCommand(deps, { caseId: state.id, caller: DESK, command: { type: 'erase' } });
    if (outcome.ok && outcome.value.changed) purged.push(state.id);
  }
  await deps.destroyDataKeys(purged);
  return purged.length;
}
