import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchResult {
  name: string;
  command: string;
  metrics: Record<string, number>;
  /** Lines for people: the load used, what the figures mean, what limits them. */
  notes: readonly string[];
}

export function machine(): { cpus: number; memoryGiB: number } {
  return { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) };
}

function section(result: BenchResult, date: string): string {
  const m = machine();
  const rows = Object.entries(result.metrics).map(([key, value]) => `| ${key} | ${Number.isInteger(value) ? value : value.toFixed(2)} |`);
  return [
    `## ${result.name}`,
    '',
    `- date: ${date}`,
    `- machine: ${m.cpus} cores, ${m.memoryGiB} GiB (${cpus()[0]?.model ?? 'unknown CPU'})`,
    `- command: \`${result.command}\``,
    '',
    '| metric | value |',
    '|---|---|',
    ...rows,
    '',
    ...result.notes.map((note) => `${note}`),
    '',
  ].join('\n');
}

/** Replaces `bench/results/<name>.json` and the benchmark's own section of `bench/RESULTS.md`. */
export function recordResult(result: BenchResult, now: Date = new Date()): void {
  const date = now.toISOString();
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(
    join(benchDir, 'results', `${result.name}.json`),
    `${JSON.stringify({ name: result.name, date, command: result.command, machine: machine(), metrics: result.metrics }, null, 2)}\n`,
  );
  const resultsPath = join(benchDir, 'RESULTS.md');
  const current = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n\nEach section is replaced when its benchmark runs again (`npm run bench:<name>`).\n\n';
  const pattern = new RegExp(`## ${result.name}\\n[\\s\\S]*?(?=\\n## |$)`);
  const next = pattern.test(current) ? current.replace(pattern, section(result, date).trimEnd() + '\n') : `${current.trimEnd()}\n\n${section(result, date)}`;
  writeFileSync(resultsPath, next);
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] as number;
}
