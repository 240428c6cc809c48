import { claimedDocument, GroupCommit, type OutboxPublisher, type PendingWrite, type RevisionClaim } from '@guichet/platform';
import type { SealedAudit } from './audit-sealing.js';
import { COLLECTIONS, type CaseDocument, type IntakeCollections } from './collections.js';
import type { CaseWrite } from './mongo-case-repository.js';

/**
 * What follows a committed write of a case: its audit entries are inserted in the append-only
 * collection, then its events published by the platform's outbox, which then forgets the write.
 * Both are repeatable inserts and sends: a write whose writer stopped on the way is followed up
 * by the outbox sweep of any instance (`recover`), from the claim or the case it wrote.
 */
export class CaseFollowUp {
  private readonly audit: GroupCommit<SealedAudit>;

  constructor(
    private readonly collections: IntakeCollections,
    private readonly publisher: OutboxPublisher,
  ) {
    this.audit = new GroupCommit(collections.audit);
  }

  /**
   * Right after the write, its audit entries copied while its events are sent; never rejects (the
   * write stays to the sweep unless both are done).
   */
  async after(written: CaseWrite): Promise<void> {
    await this.publisher.publish(written.key, written.outbox, this.audit.insertMany(written.audit));
  }

  /** The audit entries of a write left pending, as its claim or its case holds them. */
  async recover(pending: PendingWrite): Promise<void> {
    const entries =
      pending.in === COLLECTIONS.caseClaims
        ? await this.claimedAudit(pending._id)
        : (await this.collections.cases.findOne({ _id: pending._id }, { projection: { auditPending: 1 } }))?.auditPending;
    await this.audit.insertMany(entries ?? []);
  }

  private async claimedAudit(key: string): Promise<SealedAudit[] | undefined> {
    const claim = await this.collections.caseClaims.findOne({ _id: key }, { projection: { 'document.auditPending': 1, packedWrite: 1 } });
    return claim === null ? undefined : claimedDocument(claim as RevisionClaim<CaseDocument>)?.auditPending;
  }
}
