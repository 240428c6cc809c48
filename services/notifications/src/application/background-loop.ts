import type { Logger } from '@guichet/platform';

/**
 * Runs a task again and again: at once while it finds work, else after `intervalMs`; `nudge()`
 * skips the wait. `stop()` waits for the pass in progress, so shutdown never cuts an attempt.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private running = false;
  private nudged = false;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<number>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  nudge(): void {
    if (!this.running) return;
    if (this.pass) this.nudged = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.pass = this.task()
        .catch((error: unknown) => {
          this.logger.error({ err: error, loop: this.name }, 'tâche de fond en échec, nouvel essai au prochain tour');
          return 0;
        })
        .then((done) => {
          this.pass = undefined;
          const again = done > 0 || this.nudged;
          this.nudged = false;
          if (this.running) this.schedule(again ? 0 : this.intervalMs);
        });
    }, delayMs);
  }
}
