import { GroupCommit, type Logger, type OutboxPublisher, type PendingWrite, type RevisionClaim } from '@guichet/platform';
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
    private readonly logger: Logger,
  ) {
    this.audit = new GroupCommit(collections.audit);
  }

  /** Right after the write; never rejects (what fails is left to the sweep). */
  async after(written: CaseWrite): Promise<void> {
    try {
      await this.audit.insertMany(written.audit);
    } catch (error) {
      this.logger.warn({ err: error, write: written.key }, 'copie du journal différée : la reprise la fera');
      return;
    }
    await this.publisher.publish(written.key, written.outbox);
  }

  /** The audit entries of a write left pending, as its claim or its case holds them. */
  async recover(pending: PendingWrite): Promise<void> {
    const entries =
      pending.in === COLLECTIONS.caseClaims
        ? ((await this.collections.caseClaims.findOne({ _id: pending._id }, { projection: { 'document.auditPending': 1 } })) as RevisionClaim<CaseDocument> | null)?.document?.auditPending
        : (await this.collections.cases.findOne({ _id: pending._id }, { projection: { auditPending: 1 } }))?.auditPending;
    await this.audit.insertMany(entries ?? []);
  }
}
