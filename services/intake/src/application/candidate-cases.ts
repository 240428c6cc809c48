import type { CaseState } from '../domain/index.js';
import type { CaseRepository } from './ports.js';

const PAGE = 100;

/** Every case of a candidate, page after page. */
export async function allCasesOf(cases: CaseRepository, candidateId: string): Promise<CaseState[]> {
  const all: CaseState[] = [];
  for (let offset: number | undefined = 0; offset !== undefined; ) {
    const page = await cases.listByCandidate(candidateId, { limit: PAGE, offset });
    all.push(...page.items);
    offset = page.nextOffset;
  }
  return all;
}
