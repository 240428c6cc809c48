// `npm run test:fuzz [-- intake matching notifications] [--phases=examples,coverage,fuzzing,stateful] [--max-examples=N] [--seed=N]`:
// schemathesis against each OpenAPI document of contracts/, on services started for this run only.
// Needs the local stack (`node infra/local/stack.mjs up`) or KAFKA_BROKERS, MONGODB_URI and KEYCLOAK_URL.
import globalSetup from '../harness/global-setup.js';
import type { ServiceName } from '../e2e/support/services.js';
import { root, runFuzz, services, type Phase } from './run-fuzz.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const number = (name: string): number | undefined => (option(name) === undefined ? undefined : Number(option(name)));
const only = args.filter((arg): arg is ServiceName => (services as readonly string[]).includes(arg));
const phases = option('phases')?.split(',') as Phase[] | undefined;
const maxExamples = number('max-examples');
const seed = number('seed');

await globalSetup({ rootDir: root });
const report = await runFuzz({
  ...(only.length > 0 ? { only } : {}),
  ...(phases ? { phases } : {}),
  ...(maxExamples !== undefined ? { maxExamples } : {}),
  ...(seed !== undefined ? { seed } : {}),
});
const failures = report.outcomes.reduce((sum, outcome) => sum + outcome.failures.length, 0);
console.log(`${report.schemathesis}, graine ${report.seed}, ${report.maxExamples} exemples par opération : ${failures} échec(s) en ${(report.durationMs / 1000).toFixed(1)} s`);
process.exit(failures === 0 ? 0 : 1);
