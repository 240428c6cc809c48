import type { CaseSummary, Problem, StatusDuration } from '@guichet/contracts';
import type { CaseworkerApi } from '../api/intake.js';
import { reachedProposals } from './statistics.js';

export interface StatisticsInput {
  summaries: CaseSummary[];
  durations: Map<string, StatusDuration[]>;
  /** The queue had more cases than were read. */
  truncated: boolean;
}

const maxPages = 10;
const maxDetails = 300;
const parallel = 4;

/** Reads the queue of the caseworker's territory, then the time in status of cases past submission. */
export async function loadStatistics(api: CaseworkerApi): Promise<{ ok: true; data: StatisticsInput } | { ok: false; problem: Problem }> {
  const summaries: CaseSummary[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await api.queue({ limit: 200, ...(cursor ? { cursor } : {}) });
    if (!page.ok) return { ok: false, problem: page.problem };
    summaries.push(...page.data.items);
    cursor = page.data.page.nextCursor;
    pages += 1;
  } while (cursor && pages < maxPages);
  const wanted = summaries.filter((summary) => reachedProposals(summary, undefined) || summary.status === 'closed').slice(0, maxDetails);
  const durations = new Map<string, StatusDuration[]>();
  for (let start = 0; start < wanted.length; start += parallel) {
    const batch = wanted.slice(start, start + parallel);
    const details = await Promise.all(batch.map((summary) => api.detail(summary.id)));
    details.forEach((detail, index) => {
      const summary = batch[index];
      if (detail.ok && summary) durations.set(summary.id, detail.data.timeInStatus);
    });
  }
  return { ok: true, data: { summaries, durations, truncated: Boolean(cursor) } };
}
