import type { CandidateStatus, CaseStatus, Specialty, Zone } from '@guichet/contracts';
import { scopeOf } from '@guichet/territory';
import type { CaseState } from '../domain/index.js';
import type { Caller } from './caller.js';
import type { CaseRepository, Page, PageRequest, QueueQuery, QueueSort, Runtime } from './ports.js';

export interface QueueFilters {
  statuses?: CaseStatus[];
  departement?: string;
  zone?: Zone;
  specialty?: Specialty;
  candidateStatus?: CandidateStatus;
  /** A referent id, `me` or `none`. */
  referent?: string;
  minAgeDays?: number;
  maxAgeDays?: number;
  overdue?: boolean;
  sort: QueueSort;
}

const DAY_MS = 86_400_000;
const minus = (now: string, ms: number): string => new Date(Date.parse(now) - ms).toISOString();

/** The caseworker's queue: only the cases of their territory, whatever the filters ask. */
export async function listQueue(
  deps: { cases: CaseRepository; runtime: Runtime },
  caller: Caller & { as: 'caseworker' },
  filters: QueueFilters,
  page: PageRequest,
): Promise<Page<CaseState>> {
  const scope = scopeOf(caller.claims);
  if (scope.level === 'none') return { items: [] };
  const now = deps.runtime.now().toISOString();
  const referent = filters.referent === 'me' ? caller.id : filters.referent;
  const query: QueueQuery = {
    scope,
    sort: filters.sort,
    ...(filters.statuses === undefined ? {} : { statuses: filters.statuses }),
    ...(filters.departement === undefined ? {} : { departement: filters.departement }),
    ...(filters.zone === undefined ? {} : { zone: filters.zone }),
    ...(filters.specialty === undefined ? {} : { specialty: filters.specialty }),
    ...(filters.candidateStatus === undefined ? {} : { candidateStatus: filters.candidateStatus }),
    ...(referent === undefined ? {} : { referent }),
    ...(filters.minAgeDays === undefined ? {} : { submittedBefore: minus(now, filters.minAgeDays * DAY_MS) }),
    // Age is counted in whole days: "at most N days" keeps everything submitted less than N+1 days ago.
    ...(filters.maxAgeDays === undefined ? {} : { submittedAfter: minus(now, (filters.maxAgeDays + 1) * DAY_MS - 1) }),
    ...(filters.overdue === undefined ? {} : { overdueAt: { now, overdue: filters.overdue } }),
  };
  return deps.cases.queue(query, page);
}
