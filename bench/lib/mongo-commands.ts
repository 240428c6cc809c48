import type { MongoClient } from 'mongodb';

/** Count and time of one kind of MongoDB command (`update cases`, `find cases`, …). */
export interface CommandTally {
  count: number;
  totalMs: number;
}

export type CommandTallies = Record<string, CommandTally>;

export interface CommandCounter {
  read(): CommandTallies;
  reset(): void;
}

interface MonitoredCommand {
  requestId: number;
  commandName: string;
  command?: Record<string, unknown>;
  duration?: number;
}

/**
 * Tallies every command the driver sends, by name and collection, from its command monitoring
 * (the platform connects with `monitorCommands`). Patching the client class's `emit` reaches
 * clients created inside a service without changing it; this is a benchmark's probe, not the
 * service's. The class is given rather than imported here, so that a probe loaded before a
 * service (bench/lib/mongo-census.ts) does not load the driver ahead of its instrumentation.
 */
export function tallyCommandsOf(clientClass: typeof MongoClient): CommandCounter {
  let tallies: CommandTallies = {};
  const prototype = clientClass.prototype as unknown as { emit(event: string | symbol, ...args: unknown[]): boolean };
  const emit = prototype.emit;
  const started = new Map<number, string>();
  prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    const monitored = args[0] as MonitoredCommand;
    if (event === 'commandStarted') {
      const target = monitored.command?.[monitored.commandName];
      started.set(monitored.requestId, `${monitored.commandName}${typeof target === 'string' ? ` ${target}` : ''}`);
    } else if (event === 'commandSucceeded' || event === 'commandFailed') {
      const key = started.get(monitored.requestId) ?? monitored.commandName;
      started.delete(monitored.requestId);
      const tally = (tallies[key] ??= { count: 0, totalMs: 0 });
      tally.count += 1;
      tally.totalMs += monitored.duration ?? 0;
    }
    return emit.call(this, event, ...args);
  };
  return { read: () => tallies, reset: () => void (tallies = {}) };
}

/** The driver's own connection upkeep and session clean-up, not work a request asked for. */
export const isHousekeeping = (command: string): boolean => /^(hello|ismaster|isMaster|ping|buildInfo|endSessions|saslStart|saslContinue)\b/.test(command);

/** What was sent between two readings of the same counter (cumulative tallies). */
export function tallyBetween(before: CommandTallies, after: CommandTallies): CommandTallies {
  const between: CommandTallies = {};
  for (const [command, { count, totalMs }] of Object.entries(after)) {
    const earlier = before[command] ?? { count: 0, totalMs: 0 };
    if (count > earlier.count) between[command] = { count: count - earlier.count, totalMs: totalMs - earlier.totalMs };
  }
  return between;
}

/** Commands other than housekeeping, per unit of work (a request, a submission), most frequent first. */
export function commandsPer(tallies: CommandTallies, units: number): { total: number; byCommand: Record<string, number> } {
  const rounded = (value: number): number => Math.round(value * 100) / 100;
  const kept = Object.entries(tallies)
    .filter(([command]) => !isHousekeeping(command))
    .sort((a, b) => b[1].count - a[1].count);
  const byCommand = Object.fromEntries(kept.map(([command, { count }]) => [command, rounded(count / Math.max(1, units))]));
  return { total: rounded(kept.reduce((sum, [, { count }]) => sum + count, 0) / Math.max(1, units)), byCommand };
}
