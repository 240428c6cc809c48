import { startService, type RunningService, type ServiceName, type StartServiceOptions } from './services.js';

/** Where the instances of one service answer, taken in turn; an instance marked down is skipped while another is up. */
export class Instances {
  private next = 0;
  private readonly down = new Set<number>();

  constructor(readonly running: RunningService[]) {}

  url(): string {
    const count = this.running.length;
    for (let tried = 0; tried < count; tried += 1) {
      const index = (this.next + tried) % count;
      if (!this.down.has(index)) {
        this.next = index + 1;
        return (this.running[index] as RunningService).url;
      }
    }
    return (this.running[this.next++ % count] as RunningService).url;
  }

  markDown(index: number): void {
    this.down.add(index);
  }

  replace(index: number, service: RunningService): void {
    this.running[index] = service;
    this.down.delete(index);
  }
}

/**
 * The instance `index` (0 for the first) of a service, as `INSTANCES=N npm start` runs them: the
 * same database, topics and consumer groups, an `INSTANCE_ID` and a log of its own.
 */
export function startInstance(name: ServiceName, index: number, env: Record<string, string>, timeoutMs: number, options: StartServiceOptions = {}): Promise<RunningService> {
  const logName = options.logName?.replace(/\.log$/, `-${index + 1}.log`);
  return startService(name, { ...env, INSTANCE_ID: `${name}-${index + 1}` }, timeoutMs, { ...options, ...(logName === undefined ? {} : { logName }) });
}
