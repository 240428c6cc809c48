import { existsSync, readFileSync } from 'node:fs';

/** What a schemathesis JUnit report says: one test case per operation (and one for the stateful phase). */

export interface FuzzFailure {
  readonly operation: string;
  readonly message: string;
}

export interface JunitSummary {
  /** `METHOD /path` of each operation tested, and `Stateful tests` when that phase ran. */
  readonly tested: readonly string[];
  readonly failures: readonly FuzzFailure[];
}

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };
const unescape = (text: string): string => text.replace(/&(?:lt|gt|quot|apos|amp);/g, (entity) => entities[entity] ?? entity);

export function readJunitReport(file: string): JunitSummary {
  if (!existsSync(file)) return { tested: [], failures: [{ operation: '(passage)', message: `rapport JUnit absent : ${file}` }] };
  const xml = readFileSync(file, 'utf8');
  const tested: string[] = [];
  const failures: FuzzFailure[] = [];
  for (const testcase of xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const operation = unescape(testcase[1] ?? '');
    tested.push(operation);
    for (const problem of (testcase[2] ?? '').matchAll(/<(failure|error)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
      failures.push({ operation, message: unescape(problem[2] ?? '').trim() });
    }
  }
  return { tested, failures };
}
