import { describe, expect, it } from '@jest/globals';
import type { InboundEvent } from '../kafka/cloudevents.js';
import type { ConsumerOptions } from '../kafka/consumer.js';
import { UnprocessableEvent } from '../kafka/dead-letter.js';
import { createLogger } from '../logger/create-logger.js';
import { openingSealedEvents, type SealedData } from './opening-consumer.js';

// A stand-in for AES-GCM: what matters here is what the consumer does with opened, erased and clear data.
const sealed = (data: unknown, keyId: string) => ({ sealed: { keyId, data } });
const keys = new Set(['live']);
const fake: SealedData = {
  isSealed: (data) => typeof data === 'object' && data !== null && 'sealed' in data,
  open: async (data) => {
    const { keyId, data: inner } = (data as ReturnType<typeof sealed>).sealed;
    return keys.has(keyId) ? { data: inner } : undefined;
  },
};

const event = (id: string, data: unknown): InboundEvent => ({ id, type: 't', source: 's', specversion: '1.0', datacontenttype: 'application/json', data, key: id, topic: 'x', partition: 0, offset: '0' });

function consumer(handled: unknown[]): ConsumerOptions {
  return {
    kafka: undefined as never,
    groupId: 'g',
    topics: ['x'],
    logger: createLogger({ service: 'test', level: 'silent' }),
    validate: (e) => (typeof (e.data as { ok?: unknown }).ok === 'boolean' ? { ok: true } : { ok: false, reasons: ['ok attendu'] }),
    handle: async (e) => void handled.push(e.data),
    handleBatch: async (events) => void handled.push(...events.map((e) => e.data)),
  };
}

describe('a consumer of sealed events', () => {
  it('checks the contract of clear events on receipt, and of sealed ones once opened', () => {
    const options = openingSealedEvents(consumer([]), fake);
    expect(options.validate?.(event('a', { nope: 1 }))).toEqual({ ok: false, reasons: ['ok attendu'] });
    expect(options.validate?.(event('b', sealed({ nope: 1 }, 'live')))).toEqual({ ok: true });
  });

  it('hands opened and clear events to the handler, and passes over those of an erased case', async () => {
    const handled: unknown[] = [];
    const options = openingSealedEvents(consumer(handled), fake);
    await options.handle(event('a', sealed({ ok: true }, 'live')));
    await options.handle(event('b', sealed({ ok: true }, 'destroyed')));
    await options.handle(event('c', { ok: false }));
    await options.handleBatch?.([event('d', sealed({ ok: true, n: 1 }, 'live')), event('e', sealed({ ok: true }, 'destroyed'))]);
    expect(handled).toEqual([{ ok: true }, { ok: false }, { ok: true, n: 1 }]);
  });

  it('tells of each event before opening it, so that an erasure is known before the batch is opened', async () => {
    const order: string[] = [];
    const watching: SealedData = {
      ...fake,
      open: async (data) => {
        order.push('open');
        return fake.open(data);
      },
      seen: (e) => void order.push(`seen ${e.id}`),
    };
    const options = openingSealedEvents(consumer([]), watching);
    await options.handle(event('a', sealed({ ok: true }, 'live')));
    await options.handleBatch?.([event('b', sealed({ ok: true }, 'live')), event('c', { ok: true })]);
    expect(order).toEqual(['seen a', 'open', 'seen b', 'seen c', 'open']);
  });

  it('refuses an opened event outside its contract, for the dead letters', async () => {
    const options = openingSealedEvents(consumer([]), fake);
    await expect(options.handle(event('a', sealed({ nope: 1 }, 'live')))).rejects.toBeInstanceOf(UnprocessableEvent);
  });
});
