import type { ProposalSet } from '@guichet/contracts';
import { summarizeProposals, type ProposalSummary } from '../../domain/index.js';
import { proposalSetDocument, type IntakeCollections } from './collections.js';
import { insertOnce } from './insert-once.js';

type Stored = ProposalSet | ProposalSummary;

const isWhole = (entry: Stored): entry is ProposalSet => 'requestId' in entry;

/**
 * Cases written before proposal sets had a collection of their own hold them whole. At start,
 * each such case has its sets inserted beside it and keeps only their summaries, under the
 * case's write queue. Returns how many cases moved.
 */
export async function moveEmbeddedProposals(collections: IntakeCollections): Promise<number> {
  const holding = await collections.cases.find({ 'proposals.requestId': { $exists: true } }, { projection: { _id: 1 } }).toArray();
  for (const { _id: id } of holding) {
    await collections.locks.run(id, async () => {
      const doc = await collections.casesInLock.findOne({ _id: id }, { projection: { proposals: 1 } });
      const stored = (doc?.proposals ?? []) as Stored[];
      const whole = stored.filter(isWhole);
      if (whole.length === 0) return;
      const sets = whole.map((set) => proposalSetDocument(id, set));
      await insertOnce((docs) => collections.proposalSets.insertMany(docs, { ordered: false }), sets);
      const proposals = stored.map((entry) => (isWhole(entry) ? summarizeProposals(entry) : entry));
      await collections.casesInLock.updateOne({ _id: id }, { $set: { proposals } });
    });
  }
  return holding.length;
}
