import { describe, expect, it } from '@jest/globals';
import { OpenedKeys } from './opened-keys.js';

/** A vault in memory that counts its reads; `destroy` removes a key as the real one does. */
function vault(ids: readonly string[]) {
  const keys = new Map(ids.map((id, index) => [id, Uint8Array.of(index + 1)]));
  const reads: string[] = [];
  return {
    reads,
    destroy: (id: string) => keys.delete(id),
    read: async (id: string) => {
      reads.push(id);
      return keys.get(id);
    },
  };
}

function clockAt(start: number) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe('keys kept for opening sealed events', () => {
  it('reads a case key once for every consumer asking within the bound, at the same time or after', async () => {
    const store = vault(['a']);
    const keys = new OpenedKeys(store.read, { clock: clockAt(0) });
    const [first, second] = await Promise.all([keys.keyOf('a'), keys.keyOf('a')]);
    expect(await keys.keyOf('a')).toEqual(Uint8Array.of(1));
    expect([first, second]).toEqual([Uint8Array.of(1), Uint8Array.of(1)]);
    expect(store.reads).toEqual(['a']);
  });

  it('forgets a key when the case is erased: the next event reads the vault, which has none', async () => {
    const store = vault(['a']);
    const keys = new OpenedKeys(store.read, { clock: clockAt(0) });
    await keys.keyOf('a');
    store.destroy('a');
    keys.forget('a');
    expect(await keys.keyOf('a')).toBeUndefined();
    expect(store.reads).toEqual(['a', 'a']);
  });

  it('never uses a key longer than the bound after reading it, even when the erasure went unseen here', async () => {
    const store = vault(['a']);
    const clock = clockAt(0);
    const keys = new OpenedKeys(store.read, { ttlMs: 1_000, clock });
    await keys.keyOf('a');
    store.destroy('a');
    clock.advance(999);
    expect(await keys.keyOf('a')).toEqual(Uint8Array.of(1));
    clock.advance(1);
    expect(await keys.keyOf('a')).toBeUndefined();
  });

  it('counts the bound from the vault read, not from the last use', async () => {
    const store = vault(['a']);
    const clock = clockAt(0);
    const keys = new OpenedKeys(store.read, { ttlMs: 1_000, clock });
    for (let step = 0; step < 4; step += 1) {
      await keys.keyOf('a');
      clock.advance(400);
    }
    expect(store.reads).toEqual(['a', 'a']);
  });

  it('keeps no absence of a key: a case erased or not yet known is asked of the vault each time', async () => {
    const store = vault([]);
    const keys = new OpenedKeys(store.read, { clock: clockAt(0) });
    expect(await keys.keyOf('gone')).toBeUndefined();
    expect(await keys.keyOf('gone')).toBeUndefined();
    expect(store.reads).toEqual(['gone', 'gone']);
    expect(keys.size).toBe(0);
  });

  it('keeps a failed read for nobody', async () => {
    let fail = true;
    const keys = new OpenedKeys(async () => {
      if (fail) throw new Error('vault unreachable');
      return Uint8Array.of(7);
    });
    await expect(keys.keyOf('a')).rejects.toThrow('vault unreachable');
    fail = false;
    expect(await keys.keyOf('a')).toEqual(Uint8Array.of(7));
  });

  it('keeps at most its size, the oldest read going first', async () => {
    const store = vault(['a', 'b', 'c']);
    const keys = new OpenedKeys(store.read, { maxKeys: 2, clock: clockAt(0) });
    for (const id of ['a', 'b', 'c', 'b', 'a']) await keys.keyOf(id);
    expect(keys.size).toBe(2);
    expect(store.reads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not keep a key whose read was under way when the erasure was seen', async () => {
    const store = vault(['a']);
    const keys = new OpenedKeys(store.read, { clock: clockAt(0) });
    const pending = keys.keyOf('a');
    keys.forget('a');
    store.destroy('a');
    await pending;
    expect(await keys.keyOf('a')).toBeUndefined();
  });
});
