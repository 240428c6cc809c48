/**
 * Ids of outbox events and audit entries whose follow-up this process has finished (event
 * published and marked as sent, audit entry in the append-only collection). The next write of
 * the case drops them from its document inside the write it makes anyway, rather than in an
 * update of its own: FerretDB 1.24 rewrites a document by scanning its collection. An id
 * forgotten here (capacity, restart) only leaves its entry in the case until the start-up pass.
 */
export class SettledEntries {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  add(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.ids.size >= this.capacity) this.ids.delete(this.ids.values().next().value as string);
      this.ids.add(id);
    }
  }

  /** The entries still to follow up; the settled ones are forgotten, as the caller drops them. */
  unsettled<T>(entries: readonly T[], idOf: (entry: T) => string): T[] {
    return entries.filter((entry) => !this.ids.delete(idOf(entry)));
  }
}
