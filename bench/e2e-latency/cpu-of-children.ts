import { readdirSync, readFileSync } from 'node:fs';
import { processStat } from '../lib/process-cpu.js';

/** CPU seconds (user + system) used so far by each process below this one, named by what it runs. */
export type CpuSample = Map<string, number>;

function nameOf(pid: string): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const service = args.find((arg) => /services\/[a-z]+\/src\/main\.ts$/.test(arg));
    if (service) return service.split('/')[1] as string;
    if (args.some((arg) => arg.includes('kafka.Kafka') || arg.includes('kafka-server-start'))) return 'kafka';
    if (args.some((arg) => arg.includes('ferretdb'))) return 'ferretdb';
    return '';
  } catch {
    return '';
  }
}

/** Linux only (reads /proc): an empty sample elsewhere. */
export function sampleChildrenCpu(root = String(process.pid)): CpuSample {
  const sample: CpuSample = new Map([['bench', processStat(root)?.cpuSeconds ?? 0]]);
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return sample;
  }
  const parent = new Map<string, string>();
  const cpu = new Map<string, number>();
  for (const pid of entries) {
    const s = processStat(pid);
    if (s) {
      parent.set(pid, s.ppid);
      cpu.set(pid, s.cpuSeconds);
    }
  }
  const below = (pid: string) => {
    for (let p = parent.get(pid); p !== undefined && p !== '0' && p !== '1'; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  for (const [pid, seconds] of cpu) {
    if (!below(pid)) continue;
    const name = nameOf(pid);
    if (name !== '') sample.set(name, (sample.get(name) ?? 0) + seconds);
  }
  return sample;
}

/** CPU seconds used between two samples, per process name. */
export function cpuBetween(before: CpuSample, after: CpuSample): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [name, seconds] of after) used[name] = Number((seconds - (before.get(name) ?? 0)).toFixed(2));
  return used;
}
