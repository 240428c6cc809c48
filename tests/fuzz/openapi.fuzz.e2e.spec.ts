import { describe, expect, it, jest } from '@jest/globals';
import { outputOf, runFuzz, type FuzzReport } from './run-fuzz.js';

/**
 * Every OpenAPI document of contracts/ fuzzed by schemathesis against the three services, with
 * real Keycloak tokens of the roles each operation admits: no 5xx, and every answer (status,
 * content type, body) is one its own document describes. A bounded, seeded run (`npm run
 * test:fuzz` runs the same with options, e.g. `--phases=examples,coverage,fuzzing,stateful`).
 */

// Service start, seeding and three schemathesis processes on two shared cores.
jest.setTimeout(600_000);

describe('the OpenAPI documents hold against the running services', () => {
  let report: FuzzReport;

  it('answers every generated request without a server error or an answer outside its contract', async () => {
    report = await runFuzz({ log: () => undefined });
    // Each failure carries schemathesis's explanation and a curl command that reproduces it.
    const failures = report.outcomes.flatMap((outcome) => outcome.failures.map((failure) => `${outcome.service} ${failure.operation}\n${failure.message}`));
    expect(failures).toEqual([]);
    // A run that stopped early (bad configuration, schema not loaded) leaves its output in the log file.
    expect(report.outcomes.filter((outcome) => outcome.exitCode !== 0).map((outcome) => `${outcome.service}:\n${outputOf(outcome)}`)).toEqual([]);
  });

  it('reached every operation of every document', () => {
    expect(report.outcomes.map((outcome) => outcome.service)).toEqual(['intake', 'matching', 'notifications']);
    for (const outcome of report.outcomes) {
      expect({ service: outcome.service, untested: outcome.declared.filter((operation) => !outcome.tested.includes(operation)) }).toEqual({ service: outcome.service, untested: [] });
      expect(outcome.testCases).toBeGreaterThan(outcome.declared.length);
    }
  });
});
