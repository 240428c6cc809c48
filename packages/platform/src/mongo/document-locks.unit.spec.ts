import { describe, expect, it } from '@jest/globals';
import { DocumentLocks } from './write-safeguards.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('document locks', () => {
  it('runs the tasks of one key one at a time, in order, and other keys alongside', async () => {
    const lock = new DocumentLocks();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([lock.run('a', task('a1')), lock.run('a', task('a2')), lock.run('b', task('b1'))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a1:end')).toBeLessThan(log.indexOf('a2:start'));
    expect(log.indexOf('b1:start')).toBeLessThan(log.indexOf('a1:end'));
  });

  it('goes on after a failed task', async () => {
    const lock = new DocumentLocks();
    await expect(lock.run('a', () => Promise.reject(new Error('échec')))).rejects.toThrow('échec');
    await expect(lock.run('a', async () => 'suite')).resolves.toBe('suite');
  });
});
