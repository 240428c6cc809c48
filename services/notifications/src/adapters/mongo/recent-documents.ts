export interface RecentDocumentsOptions {
  maxDocuments: number;
  ttlMs: number;
  now?: () => number;
}

/**
 * Documents this process read or wrote lately, from which it decides its next write of one without
 * reading it again. What is kept may be behind a write of another instance: a write decided on it
 * follows a revision already claimed, is refused (`ClaimedRevisions`), and the document is read
 * again. It is never what a reader is answered. Bounded in number, and in time from the read or
 * write that kept it, since it may hold personal data that another instance's erasure removed.
 */
export class RecentDocuments<D extends { revision?: number }> {
  private readonly entries = new Map<string, { doc: D; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: RecentDocumentsOptions) {
    this.now = options.now ?? Date.now;
  }

  get(id: string): D | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at < this.options.ttlMs) return entry.doc;
    this.entries.delete(id);
    return undefined;
  }

  /** Keeps `doc` unless a later revision of it is kept already. */
  keep(id: string, doc: D): void {
    const kept = this.entries.get(id);
    if (kept !== undefined && (kept.doc.revision ?? 0) > (doc.revision ?? 0)) return;
    this.entries.delete(id);
    this.entries.set(id, { doc, at: this.now() });
    while (this.entries.size > this.options.maxDocuments) this.entries.delete(this.entries.keys().next().value as string);
  }

  drop(id: string): void {
    this.entries.delete(id);
  }
}
