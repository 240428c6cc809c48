import { describe, expect, it } from '@jest/globals';
import { OneCaseAtATime } from './one-case-at-a-time.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('one case at a time in a process', () => {
  it('runs a case’s tasks one after another and other cases’ meanwhile, a failure stopping none', async () => {
    const serial = new OneCaseAtATime();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const first = serial.run('a', async () => {
      log.push('a1 start');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('a1 end');
      throw new Error('a1 failed');
    });
    const second = serial.run('a', async () => void log.push('a2'));
    const other = serial.run('b', async () => void log.push('b1'));
    await other;
    await tick();
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await expect(first).rejects.toThrow('a1 failed');
    await second;
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await tick();
    expect(serial.waiting).toBe(0);
  });
});
