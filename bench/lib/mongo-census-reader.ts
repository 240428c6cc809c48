import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CensusSnapshot } from './mongo-census.js';
import type { CommandTallies } from './mongo-commands.js';

const probe = join(dirname(fileURLToPath(import.meta.url)), 'mongo-census.ts');
const ANSWER_MS = 5000;

export interface MongoCensus {
  /** Node options that load the probe into a service process (tsx first: the probe is TypeScript). */
  nodeArgs: readonly string[];
  /** Each service's cumulative commands now, summed over its running instances. */
  sample(): Promise<Record<string, CommandTallies>>;
  close(): void;
}

function read(file: string): CensusSnapshot | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CensusSnapshot;
  } catch {
    return undefined;
  }
}

/** True when `pid` still runs with the probe: a pid reused by another process never gets the signal. */
function probed(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('mongo-census');
  } catch {
    return false;
  }
}

/**
 * A census of the MongoDB commands of the services a benchmark starts: `nodeArgs` goes into their
 * node options and BENCH_MONGO_CENSUS_DIR into this process's environment, which they inherit.
 * Linux only (reads /proc), as the CPU figures are.
 */
export function openMongoCensus(): MongoCensus {
  const directory = mkdtempSync(join(tmpdir(), 'bench-mongo-census-'));
  process.env['BENCH_MONGO_CENSUS_DIR'] = directory;
  return {
    // A file URL: no space in the path, which options given as one string would split on.
    nodeArgs: ['--import', 'tsx', '--import', pathToFileURL(probe).href],
    async sample() {
      const files = readdirSync(directory).filter((name) => name.endsWith('.json')).map((name) => join(directory, name));
      const asked = files.flatMap((file) => {
        const last = read(file);
        if (last === undefined || !probed(last.pid)) return [];
        process.kill(last.pid, 'SIGUSR2');
        return [{ file, seq: last.seq }];
      });
      const deadline = Date.now() + ANSWER_MS;
      const byService: Record<string, CommandTallies> = {};
      for (const { file, seq } of asked) {
        let answer = read(file);
        while ((answer === undefined || answer.seq <= seq) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          answer = read(file);
        }
        // A census that cannot be read leaves its figures out (said on stderr) rather than failing a run's other figures.
        if (answer === undefined || answer.seq <= seq) {
          process.stderr.write(`MongoDB census: ${file} did not answer within ${ANSWER_MS} ms, left out\n`);
          continue;
        }
        if (!answer.counting) {
          process.stderr.write(`MongoDB census: process ${answer.pid} (${answer.service}) never loaded the driver the census waits for, left out\n`);
          continue;
        }
        const service = (byService[answer.service] ??= {});
        for (const [command, { count, totalMs }] of Object.entries(answer.commands)) {
          const tally = (service[command] ??= { count: 0, totalMs: 0 });
          tally.count += count;
          tally.totalMs += totalMs;
        }
      }
      return byService;
    },
    close: () => rmSync(directory, { recursive: true, force: true }),
  };
}
