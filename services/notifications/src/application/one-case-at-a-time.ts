/**
 * Runs the tasks of one case one after another within this process, those of different cases at
 * the same time. Not for correctness: another instance may write the same case meanwhile, and the
 * claim of each revision settles that. It is so that a case's events read from its two topics at
 * once (matching's proposals and intake's status change that follows them) are not both decided on
 * the same revision, one of them then written for nothing, read again and decided again.
 */
export class OneCaseAtATime {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(requestId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(requestId) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(requestId, tail);
    void tail.then(() => {
      if (this.tails.get(requestId) === tail) this.tails.delete(requestId);
    });
    return result;
  }

  get waiting(): number {
    return this.tails.size;
  }
}
