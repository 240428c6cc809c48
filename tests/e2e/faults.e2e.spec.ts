import { describe, expect, it, jest } from '@jest/globals';
import { allComponents, runFaults, type FaultsReport } from './faults/scenario.js';
import { keycloakUrl } from '../harness/tokens.js';

/**
 * The fault scenario of `npm run test:faults` with the small load of every CI run: two instances of
 * each service; the run's own broker, its own database and one instance of each service are killed
 * with SIGKILL once, in turn, while candidates submit. Nothing accepted is lost or applied twice
 * (proposals computed once per request), and nobody gets a 500 or waits forever.
 */

jest.setTimeout(720_000);

const requests = Number(process.env.FAULTS_E2E_REQUESTS ?? 100);
const instances = Number(process.env.INSTANCES ?? 2);

describe('a desk whose parts die while candidates submit', () => {
  it('keeps every accepted request once, with its events and its proposals, and refuses the others with 503 and Retry-After', async () => {
    const report: FaultsReport = await runFaults({
      keycloakUrl: keycloakUrl(),
      requests,
      candidates: 12,
      instances,
      components: allComponents,
      downMs: 2000,
      // About a hundred seconds of submissions: every outage, restart included, happens under load.
      intervalMs: 1000,
      log: (line) => process.stdout.write(`[faults] ${line}\n`),
    });
    const { problems, ...counts } = report;
    process.stdout.write(`[faults] ${JSON.stringify(counts)}\n`);
    expect({ lost: report.lost, pending: report.pending, duplicates: report.duplicates, unexpected: report.unexpected, abandoned: report.abandoned, problems: problems.slice(0, 10) })
      .toEqual({ lost: 0, pending: 0, duplicates: 0, unexpected: 0, abandoned: 0, problems: [] });
    expect(report.accepted).toBe(requests);
    expect(report.kills).toBe(allComponents.length);
  });
});
