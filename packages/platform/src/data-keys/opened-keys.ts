import { systemClock, type Clock } from '../clock.js';

export interface OpenedKeysOptions {
  /** Keys kept at most; the oldest read goes first. */
  maxKeys?: number;
  /** How long a key read from the vault may be used without reading it again. */
  ttlMs?: number;
  clock?: Clock;
}

interface Entry {
  key: Promise<Uint8Array | undefined>;
  readAt: number;
}

const DEFAULT_MAX_KEYS = 10_000;
const DEFAULT_TTL_MS = 60_000;

/**
 * Keys of cases read lately from the vault by a consumer of sealed events: a case's events come
 * a few at a time, each read by several consumer groups of the process, and each would otherwise
 * read the vault once. Only keys are kept, never the absence of one: a case whose key is missing
 * or destroyed is asked of the vault at every event.
 *
 * A kept key must not outlive the case's erasure for long. `forget` drops it as soon as the
 * process reads the case's `request-erased`. The instance that erased is not always this one,
 * nor the one that reads the erasure in every group; yet `request-erased` goes on the case's
 * partition after every event sealed with its key, and every group that read those events reads
 * it, so a process that kept the key because one of its groups handled the case forgets it when
 * that group reaches the erasure. Only a partition moved to another instance before its group got
 * there leaves a key behind: `ttlMs` counts from the vault read, whatever the use since, so no key
 * is used longer than that after its destruction, and a key is never read again once destroyed.
 */
export class OpenedKeys {
  private readonly entries = new Map<string, Entry>();
  private readonly maxKeys: number;
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly read: (id: string) => Promise<Uint8Array | undefined>,
    options: OpenedKeysOptions = {},
  ) {
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.clock = options.clock ?? systemClock;
  }

  /** The case's key: kept, or read from the vault (once for callers asking at the same time). */
  keyOf(id: string): Promise<Uint8Array | undefined> {
    const now = this.clock.now().getTime();
    const kept = this.entries.get(id);
    if (kept !== undefined && now - kept.readAt < this.ttlMs) return kept.key;
    this.entries.delete(id);
    const entry: Entry = { key: this.read(id), readAt: now };
    this.entries.set(id, entry);
    while (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    const drop = () => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    };
    entry.key.then((key) => key === undefined && drop(), drop);
    return entry.key;
  }

  /** The case is erased: its key is read from the vault again, which no longer has it. */
  forget(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
