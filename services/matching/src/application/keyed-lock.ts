/**
 * Runs tasks one at a time per key within this process. The intake and re-matching consumers
 * may both touch one request; the database does not make a read-compute-write atomic
 * (FerretDB 1.x applies updates as read-modify-write), so they take turns here.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    this.tails.set(key, current);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === current) this.tails.delete(key);
    }
  }
}
