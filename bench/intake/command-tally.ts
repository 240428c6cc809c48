import * as mongo from 'mongodb';

/** Count and time of one kind of MongoDB command (`update cases`, `find cases`, …). */
export interface CommandTally {
  count: number;
  totalMs: number;
}

/**
 * Tallies every command the driver sends, by name and collection, from its command monitoring
 * (the service connects with `monitorCommands`). Patching the client's `emit` reaches clients
 * created inside the service without changing it; this is a benchmark's probe, not the service's.
 */
export function tallyCommands(): { read(): Record<string, CommandTally>; reset(): void } {
  let tallies: Record<string, CommandTally> = {};
  const prototype = mongo.MongoClient.prototype as unknown as { emit(event: string | symbol, ...args: unknown[]): boolean };
  const emit = prototype.emit;
  const started = new Map<number, string>();
  prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    const monitored = args[0] as { requestId: number; commandName: string; command?: Record<string, unknown>; duration?: number };
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
