import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import type { CaseRepository, Page, PageRequest } from './ports.js';

export async function listMyRequests(cases: CaseRepository, caller: Caller & { as: 'candidate' }, page: PageRequest): Promise<Page<CaseState>> {
  return cases.listByCandidate(caller.id, page);
}
