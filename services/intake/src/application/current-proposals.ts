import type { ProposalDigest } from '@guichet/contracts';
import { currentProposals, type CaseState } from '../domain/index.js';
import type { CaseRepository } from './ports.js';

/** The proposal set the candidate acts on, as matching computed it; undefined before the first one. */
export async function currentProposalSet(cases: CaseRepository, state: CaseState): Promise<ProposalDigest | undefined> {
  const current = currentProposals(state);
  if (current === undefined) return undefined;
  const [set] = await cases.proposalSets(state.id, [current.proposalSetId]);
  if (set === undefined) throw new Error(`propositions ${current.proposalSetId} du dossier ${state.id} introuvables`);
  return set;
}
