import { describe, expect, it } from '@jest/globals';
import { failed, fulfilled, GroupWhileBusy } from './group-while-busy.js';

/** A flush the test lets finish when it wants, recording the groups it was given. */
function heldFlush() {
  const groups: string[][] = [];
  let release: (() => void) | undefined;
  const flush = async (requests: readonly string[]) => {
    groups.push([...requests]);
    await new Promise<void>((resolve) => (release = resolve));
    return requests.map((request) => (request.startsWith('bad') ? failed<string>(new Error(`refusé : ${request}`)) : fulfilled(request.toUpperCase())));
  };
  return { groups, flush, finish: () => release?.() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupWhileBusy', () => {
  it('flushes the requests made during a flush together in the next one, each caller getting its own answer', async () => {
    const { groups, flush, finish } = heldFlush();
    const batcher = new GroupWhileBusy(flush);
    const first = batcher.run('a');
    const sameTurn = batcher.run('b');
    await settle();
    const later = [batcher.run('c'), batcher.run('d')];
    finish();
    await settle();
    finish();
    expect(await Promise.all([first, sameTurn, ...later])).toEqual(['A', 'B', 'C', 'D']);
    expect(groups).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('fails only the caller whose request was refused', async () => {
    const { flush, finish } = heldFlush();
    const batcher = new GroupWhileBusy(flush);
    const good = batcher.run('ok');
    const bad = batcher.run('bad-one');
    await settle();
    finish();
    await expect(good).resolves.toBe('OK');
    await expect(bad).rejects.toThrow('refusé : bad-one');
  });

  it('fails every caller of a flush that throws, and flushes the next requests anyway', async () => {
    let calls = 0;
    const batcher = new GroupWhileBusy(async (requests: readonly number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('serveur injoignable');
      return requests.map((n) => fulfilled(n * 2));
    });
    const lost = [batcher.run(1), batcher.run(2)];
    await expect(Promise.all(lost)).rejects.toThrow('serveur injoignable');
    await expect(batcher.run(3)).resolves.toBe(6);
  });

  it('keeps each flush under the most weight, taking whole requests, a heavy one alone', async () => {
    const groups: number[][] = [];
    const batcher = new GroupWhileBusy(
      async (requests: readonly number[]) => {
        groups.push([...requests]);
        return requests.map((n) => fulfilled(n));
      },
      { maxWeight: 5, weigh: (n) => n },
    );
    await Promise.all([2, 2, 2, 9, 1].map((n) => batcher.run(n)));
    expect(groups).toEqual([[2, 2], [2], [9], [1]]);
  });
});
