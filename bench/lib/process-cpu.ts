import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** A process's parent and the CPU seconds (user + system) it has used so far, from /proc; undefined when unknown. */
export function processStat(pid: number | string): { ppid: string; cpuSeconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields that follow it start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: fields[1] ?? '', cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far; undefined when unknown. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : processStat(pid)?.cpuSeconds;
}

/** Share of one core each process used between two readings. */
export function cpuShare(before: Record<string, number | undefined>, after: Record<string, number | undefined>, elapsedMs: number): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const [name, start] of Object.entries(before)) {
    const end = after[name];
    if (start !== undefined && end !== undefined) shares[name] = (end - start) / (elapsedMs / 1000);
  }
  return shares;
}
